import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api/client.ts';
import type { components } from '../../api/schema.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorNotice, Field, TlpBadge } from '../../ui/controls.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useLoad } from '../../ui/use-load.ts';

type ContactRequest = components['schemas']['ContactRequest'];

/** Contact requests: the coordinators' inbox (accept or decline) and the user's own outbox. */
export function ContactRequestsPage() {
  const { t } = useI18n();
  const { hasRole } = useSession();
  const coordinator = hasRole('admin', 'coordinator');
  const [box, setBox] = useState<'inbox' | 'outbox'>(coordinator ? 'inbox' : 'outbox');
  const requests = useLoad(() => call(api.GET('/api/v1/intel/contact-requests', { params: { query: { box } } })), [box]);
  return (
    <section aria-labelledby="requests-title">
      <h1 id="requests-title">{t('intel.requests.title')}</h1>
      {coordinator && (
        <div role="group" aria-label={t('intel.requests.title')} className="filters">
          {(['inbox', 'outbox'] as const).map((b) => (
            <button key={b} type="button" aria-pressed={box === b} onClick={() => setBox(b)}>
              {t(`intel.requests.${b}` as MessageKey)}
            </button>
          ))}
        </div>
      )}
      <ErrorNotice error={requests.error} onRetry={requests.reload} />
      {requests.data && requests.data.items.length === 0 && <p>{t('intel.requests.empty')}</p>}
      <ul className="record-list">
        {requests.data?.items.map((r) => (
          <RequestItem key={r.id} request={r} asOwner={box === 'inbox'} onChange={requests.reload} />
        ))}
      </ul>
    </section>
  );
}

function RequestItem({ request, asOwner, onChange }: { request: ContactRequest; asOwner: boolean; onChange: () => void }) {
  const { t, formatDate } = useI18n();
  const from = request.requester.orgName ? `${request.requester.name} (${request.requester.orgName})` : request.requester.name;
  const to = request.organisation?.name ?? t('intel.hit.unnamed');
  return (
    <li>
      <h2>
        {request.display} · <span className="badge">{t(`intel.requests.status.${request.status}` as MessageKey)}</span>
      </h2>
      <p className="hint">
        {asOwner ? t('intel.requests.from', { who: from }) : t('intel.requests.to', { who: to })} · {formatDate(request.createdAt)}
      </p>
      <blockquote>{request.message}</blockquote>
      {request.response && <p>{t('intel.requests.response', { text: request.response })}</p>}
      {request.entities.length > 0 && (
        <ul>
          {request.entities.map((e) => (
            <li key={e.id}>
              <TlpBadge tlp={e.tlp} /> <Link to={`/w/intel/entities/${e.id}`}>{e.label}</Link>
            </li>
          ))}
        </ul>
      )}
      {asOwner && request.status === 'pending' && <Decision request={request} onDone={onChange} />}
    </li>
  );
}

function Decision({ request, onDone }: { request: ContactRequest; onDone: () => void }) {
  const { t } = useI18n();
  const groups = useLoad(() => call(api.GET('/api/v1/sharing-groups')), []);
  const usable = groups.data?.items.filter((g) => g.members.some((m) => m.orgId === request.requester.orgId)) ?? [];
  const [via, setVia] = useState<'sharing_group' | 'copy'>('sharing_group');
  const [groupId, setGroupId] = useState('');
  const [response, setResponse] = useState('');
  const { busy, error, run, fieldErrors } = useAction();
  const chosenGroup = groupId || usable[0]?.id || '';
  // Without a task force that includes the requester, only a copy can be shared.
  const shareVia = usable.length === 0 ? 'copy' : via;
  const accept = () =>
    run(async () => {
      const body = shareVia === 'copy' ? { shareVia: 'copy' as const, response } : { shareVia: 'sharing_group' as const, sharingGroupId: chosenGroup, response };
      await call(api.POST('/api/v1/intel/contact-requests/{id}/accept', { params: { path: { id: request.id } }, body }));
      onDone();
    });
  const decline = () =>
    run(async () => {
      await call(api.POST('/api/v1/intel/contact-requests/{id}/decline', { params: { path: { id: request.id } }, body: { response } }));
      onDone();
    });
  return (
    <form onSubmit={(e) => e.preventDefault()} className="decision">
      <fieldset>
        <legend>{t('intel.requests.shareHow')}</legend>
        <label className="choice">
          <input type="radio" name={`via-${request.id}`} checked={shareVia === 'sharing_group'} disabled={usable.length === 0} onChange={() => setVia('sharing_group')} />
          <span>{t('intel.requests.viaGroup')}</span>
        </label>
        {shareVia === 'sharing_group' && (
          <Field label={t('intel.requests.group')} error={fieldErrors.sharingGroupId}>
            {(p) => (
              <select {...p} value={chosenGroup} onChange={(e) => setGroupId(e.target.value)}>
                {usable.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <label className="choice">
          <input type="radio" name={`via-${request.id}`} checked={shareVia === 'copy'} onChange={() => setVia('copy')} />
          <span>{t('intel.requests.viaCopy')}</span>
        </label>
      </fieldset>
      <Field label={t('intel.requests.answer')} error={fieldErrors.response}>
        {(p) => <textarea {...p} rows={2} value={response} onChange={(e) => setResponse(e.target.value)} />}
      </Field>
      <ErrorNotice error={Object.keys(fieldErrors).length > 0 ? null : error} />
      <button type="button" disabled={busy} onClick={() => void accept()}>
        {t('intel.requests.accept')}
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => void decline()}>
        {t('intel.requests.decline')}
      </button>
    </form>
  );
}
