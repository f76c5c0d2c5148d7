import { useState } from 'react';
import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorNotice, Field } from '../../ui/controls.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useLoad } from '../../ui/use-load.ts';
import { CHANNELS, channelLabel } from './labels.ts';

type Channel = (typeof CHANNELS)[number];

/** Routing rules: who is responsible for, or informed of, which reports, and where. */
export function RoutingRulesPage() {
  const { t } = useI18n();
  const rules = useLoad(() => call(api.GET('/api/v1/routing-rules')), []);
  const orgs = useLoad(() => call(api.GET('/api/v1/organizations')), []);
  const action = useAction();
  const [channel, setChannel] = useState<Channel>('tip');
  const [category, setCategory] = useState('');
  const [orgId, setOrgId] = useState('');
  const [role, setRole] = useState<'responsible' | 'informed'>('responsible');
  const [scope, setScope] = useState<'jurisdiction' | 'anywhere'>('jurisdiction');
  const [priority, setPriority] = useState(0);
  return (
    <section aria-labelledby="routing-title">
      <h1 id="routing-title">{t('routing.title')}</h1>
      <p className="hint">{t('routing.help')}</p>
      <ErrorNotice error={rules.error} onRetry={rules.reload} />
      {rules.data && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('queue.channel')}</th>
              <th scope="col">{t('routing.category')}</th>
              <th scope="col">{t('routing.organization')}</th>
              <th scope="col">{t('routing.role')}</th>
              <th scope="col">{t('routing.scope')}</th>
              <th scope="col">{t('routing.priority')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('action.delete')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.data.items.map((r) => (
              <tr key={r.id}>
                <td>{t(channelLabel(r.channel))}</td>
                <td>{r.category ?? t('routing.anyCategory')}</td>
                <td>{r.orgName}</td>
                <td>{t(r.role === 'responsible' ? 'triage.responsible' : 'triage.informed')}</td>
                <td>{t(r.scope === 'anywhere' ? 'routing.anywhere' : 'routing.inJurisdiction')}</td>
                <td>{r.priority}</td>
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      void action.run(async () => {
                        await call(api.DELETE('/api/v1/routing-rules/{id}', { params: { path: { id: r.id } } }));
                        rules.reload();
                      })
                    }
                  >
                    {t('action.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            await call(api.POST('/api/v1/routing-rules', { body: { channel, category: category.trim() || null, orgId, role, scope, priority } }));
            rules.reload();
          });
        }}
      >
        <h2>{t('routing.add')}</h2>
        <Field label={t('queue.channel')}>
          {(p) => (
            <select {...p} value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(channelLabel(c))}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('routing.category')} hint={t('routing.categoryHint')} error={action.fieldErrors.category}>
          {(p) => <input {...p} value={category} onChange={(e) => setCategory(e.target.value)} maxLength={40} />}
        </Field>
        <Field label={t('routing.organization')} error={action.fieldErrors.orgId}>
          {(p) => (
            <select {...p} value={orgId} onChange={(e) => setOrgId(e.target.value)} required>
              <option value="">—</option>
              {orgs.data?.items.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('routing.role')}>
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value as 'responsible' | 'informed')}>
              <option value="responsible">{t('triage.responsible')}</option>
              <option value="informed">{t('triage.informed')}</option>
            </select>
          )}
        </Field>
        <Field label={t('routing.scope')} error={action.fieldErrors.scope}>
          {(p) => (
            <select {...p} value={scope} onChange={(e) => setScope(e.target.value as 'jurisdiction' | 'anywhere')}>
              <option value="jurisdiction">{t('routing.inJurisdiction')}</option>
              <option value="anywhere">{t('routing.anywhere')}</option>
            </select>
          )}
        </Field>
        <Field label={t('routing.priority')} hint={t('routing.priorityHint')} error={action.fieldErrors.priority}>
          {(p) => <input {...p} type="number" min={-1000} max={1000} value={priority} onChange={(e) => setPriority(Number(e.target.value))} />}
        </Field>
        <ErrorNotice error={action.error} />
        <button type="submit" disabled={action.busy}>
          {t('routing.add')}
        </button>
      </form>
    </section>
  );
}
