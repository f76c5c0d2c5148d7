import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { LonLat } from '../../map/MapView.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorNotice, Field } from '../../ui/controls.tsx';
import { useAction } from '../../ui/use-action.ts';
import { MarkingFields, type Tlp } from '../intel/MarkingFields.tsx';
import { BULLETIN_KINDS, ISSUER_ROLES, kindLabel, type BulletinKind } from './labels.ts';
import { RecipientsField } from './RecipientsField.tsx';

const MapView = lazy(() => import('../../map/MapView.tsx'));

interface Draft {
  ownerOrgId: string;
  kind: BulletinKind;
  title: string;
  body: string;
  tlp: Tlp;
  sharingGroupIds: string[];
  recipientUserIds: string[];
  place: LonLat | null;
  validFrom: string;
  validUntil: string;
}

/** The first message among a field and its items (`recipientUserIds.2` belongs to `recipientUserIds`). */
const errorOf = (fields: Record<string, string>, name: string) => fields[name] ?? Object.entries(fields).find(([k]) => k.startsWith(`${name}.`))?.[1];

/** `datetime-local` holds local time without a zone; the API takes an instant. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** Issue a bulletin; the client checks what it can, the server's field errors show beside the fields. */
export function BulletinEditorPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const navigate = useNavigate();
  const issuerOrgs = [...new Map(session?.memberships.filter((m) => (ISSUER_ROLES as readonly string[]).includes(m.role)).map((m) => [m.orgId, m.orgName])).entries()];
  const [draft, setDraftState] = useState<Draft>({
    ownerOrgId: issuerOrgs[0]?.[0] ?? '', kind: 'alert', title: '', body: '', tlp: 'AMBER', sharingGroupIds: [], recipientUserIds: [], place: null, validFrom: '', validUntil: '',
  });
  const [showMap, setShowMap] = useState(false);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const { busy, error, run, fieldErrors } = useAction();
  const setDraft = (change: Partial<Draft>) => setDraftState((d) => ({ ...d, ...change }));

  function validate(): boolean {
    const problems: Record<string, string> = {};
    if (!draft.title.trim()) problems.title = t('validation.required');
    if (!draft.body.trim()) problems.body = t('validation.required');
    setClientErrors(problems);
    return Object.keys(problems).length === 0;
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!validate()) return;
    await run(async () => {
      const validFrom = toInstant(draft.validFrom);
      const created = await call(api.POST('/api/v1/bulletins', {
        body: {
          ownerOrgId: draft.ownerOrgId,
          kind: draft.kind,
          title: draft.title,
          body: draft.body,
          tlp: draft.tlp,
          sharingGroupIds: draft.tlp === 'AMBER' ? draft.sharingGroupIds : [],
          recipientUserIds: draft.tlp === 'RED' ? draft.recipientUserIds : [],
          area: draft.place ? { type: 'Point', coordinates: draft.place } : null,
          ...(validFrom ? { validFrom } : {}),
          validUntil: toInstant(draft.validUntil) ?? null,
        },
      }));
      navigate(`/w/bulletins/${created.id}`, { replace: true });
    });
  }

  const fields = { ...fieldErrors, ...clientErrors };
  return (
    <section aria-labelledby="bulletin-editor-title" className="narrow">
      <h1 id="bulletin-editor-title">{t('bulletins.new')}</h1>
      <ErrorNotice error={error} onRetry={() => void submit()} />
      <form onSubmit={submit} noValidate>
        {issuerOrgs.length > 1 && (
          <Field label={t('bulletins.owner')} error={fields.ownerOrgId}>
            {(p) => (
              <select {...p} value={draft.ownerOrgId} onChange={(e) => setDraft({ ownerOrgId: e.target.value })}>
                {issuerOrgs.map(([orgId, name]) => (
                  <option key={orgId} value={orgId}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {issuerOrgs.length <= 1 && fields.ownerOrgId && <p className="field-error">{fields.ownerOrgId}</p>}
        <Field label={t('bulletins.kindField')} error={fields.kind}>
          {(p) => (
            <select {...p} value={draft.kind} onChange={(e) => setDraft({ kind: e.target.value as BulletinKind })}>
              {BULLETIN_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(kindLabel(k))}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('bulletins.titleField')} error={fields.title}>
          {(p) => <input {...p} required maxLength={200} value={draft.title} onChange={(e) => setDraft({ title: e.target.value })} />}
        </Field>
        <Field label={t('bulletins.body')} error={fields.body}>
          {(p) => <textarea {...p} required rows={8} maxLength={20_000} value={draft.body} onChange={(e) => setDraft({ body: e.target.value })} />}
        </Field>
        <MarkingFields tlp={draft.tlp} groups={draft.sharingGroupIds} error={fields.tlp} onChange={(tlp, sharingGroupIds) => setDraft({ tlp, sharingGroupIds })} />
        {errorOf(fields, 'sharingGroupIds') && <p className="field-error">{errorOf(fields, 'sharingGroupIds')}</p>}
        {draft.tlp === 'RED' && (
          <RecipientsField value={draft.recipientUserIds} error={errorOf(fields, 'recipientUserIds')} onChange={(recipientUserIds) => setDraft({ recipientUserIds })} />
        )}
        <fieldset>
          <legend>{t('bulletins.validity')}</legend>
          <Field label={t('bulletins.validFrom')} hint={t('bulletins.validFromHint')} error={fields.validFrom}>
            {(p) => <input {...p} type="datetime-local" value={draft.validFrom} onChange={(e) => setDraft({ validFrom: e.target.value })} />}
          </Field>
          <Field label={t('bulletins.validUntil')} hint={t('bulletins.validUntilHint')} error={fields.validUntil}>
            {(p) => <input {...p} type="datetime-local" value={draft.validUntil} onChange={(e) => setDraft({ validUntil: e.target.value })} />}
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('bulletins.place')}</legend>
          {fields.area && <p className="field-error">{fields.area}</p>}
          {showMap ? (
            <Suspense fallback={<p className="loading">{t('status.loading')}</p>}>
              <MapView label={t('bulletins.placeMap')} pin={{ value: draft.place, onChange: (place) => setDraft({ place }) }} />
            </Suspense>
          ) : (
            <button type="button" className="button-secondary" onClick={() => setShowMap(true)}>
              {t('bulletins.pickPlace')}
            </button>
          )}
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? t('status.sending') : t('bulletins.issue')}
        </button>
      </form>
    </section>
  );
}
