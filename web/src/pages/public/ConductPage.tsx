import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client.ts';
import type { paths } from '../../api/schema.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useProofOfWork } from '../../pow/use-proof-of-work.ts';
import { ErrorNotice, Field } from '../../ui/controls.tsx';
import { useAction } from '../../ui/use-action.ts';
import { clearDraft, useDraft } from '../../ui/use-draft.ts';
import { useLoad } from '../../ui/use-load.ts';
import { newIdempotencyKey } from '../../ui/idempotency.ts';
import { ReceiptPanel, type Receipt } from './ReceiptPanel.tsx';

type ConsentTier = paths['/api/v1/conduct']['post']['requestBody']['content']['application/json']['consent'];
const TIERS: ConsentTier[] = ['public', 'public_without_names', 'anonymous', 'statistics_only'];

interface ConductDraft {
  category: string;
  unitId: string;
  body: string;
  locationText: string;
  occurredText: string;
  consent: ConsentTier | '';
  idempotencyKey: string;
}

/**
 * A complaint or commendation about a police unit, sent anonymously. Before anything is
 * written the page says who receives it (the oversight body, never the unit concerned) and
 * what each consent choice allows.
 */
export function ConductPage() {
  const { t, locale } = useI18n();
  const categories = useLoad(() => call(api.GET('/api/v1/conduct/categories')), [locale]);
  const units = useLoad(() => call(api.GET('/api/v1/conduct/units')), []);
  const [draft, setDraft] = useDraft<ConductDraft>('conduct', {
    category: '',
    unitId: '',
    body: '',
    locationText: '',
    occurredText: '',
    consent: '',
    idempotencyKey: newIdempotencyKey(),
  });
  const { busy, error, run, fieldErrors } = useAction();
  const { checking, sendWithProof } = useProofOfWork();
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const set = (change: Partial<ConductDraft>) => setDraft({ ...draft, ...change });

  async function send(event?: FormEvent) {
    event?.preventDefault();
    const problems: Record<string, string> = {};
    for (const field of ['category', 'unitId', 'consent'] as const) if (!draft[field]) problems[field] = t('validation.required');
    if (!draft.body.trim()) problems.body = t('validation.required');
    setClientErrors(problems);
    if (Object.keys(problems).length > 0 || !draft.consent) return;
    const consent = draft.consent;
    await run(async () => {
      const body = {
        category: draft.category,
        unitId: draft.unitId,
        consent,
        body: draft.body,
        idempotencyKey: draft.idempotencyKey,
        ...(draft.locationText.trim() ? { locationText: draft.locationText.trim() } : {}),
        ...(draft.occurredText.trim() ? { occurredText: draft.occurredText.trim() } : {}),
      };
      setReceipt(await sendWithProof((headers) => call(api.POST('/api/v1/conduct', { body, headers }))));
      clearDraft('conduct');
    });
  }

  if (receipt) return <ReceiptPanel receipt={receipt} title={t('conduct.thanks')} />;

  const fields = { ...fieldErrors, ...clientErrors };
  const kinds = categories.data?.items ?? [];
  return (
    <section className="narrow" aria-labelledby="conduct-title">
      <h1 id="conduct-title">{t('conduct.title')}</h1>
      <div className="notice" aria-labelledby="conduct-who">
        <h2 id="conduct-who">{t('conduct.whoTitle')}</h2>
        <ul>
          <li>{t('conduct.whoOversight')}</li>
          <li>
            <strong>{t('conduct.whoNotUnit')}</strong>
          </li>
          <li>{t('conduct.whoAnonymous')}</li>
        </ul>
      </div>
      <ErrorNotice error={error} onRetry={() => void send()} />
      <form onSubmit={send} noValidate>
        <Field label={t('conduct.kind')} error={fields.category}>
          {(p) => (
            <select {...p} required value={draft.category} onChange={(e) => set({ category: e.target.value })}>
              <option value="">{t('conduct.chooseKind')}</option>
              <optgroup label={t('conduct.complaints')}>
                {kinds.filter((c) => c.kind === 'complaint').map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('conduct.commendations')}>
                {kinds.filter((c) => c.kind === 'commendation').map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </Field>
        <Field label={t('conduct.unit')} hint={t('conduct.unitHint')} error={fields.unitId}>
          {(p) => (
            <select {...p} required value={draft.unitId} onChange={(e) => set({ unitId: e.target.value })}>
              <option value="">{t('conduct.chooseUnit')}</option>
              {units.data?.items.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('conduct.body')} hint={t('conduct.bodyHint')} error={fields.body}>
          {(p) => <textarea {...p} required rows={7} maxLength={20000} value={draft.body} onChange={(e) => set({ body: e.target.value })} />}
        </Field>
        <Field label={t('conduct.where')} hint={t('tip.whereHint')} error={fields.locationText}>
          {(p) => <input {...p} maxLength={500} value={draft.locationText} onChange={(e) => set({ locationText: e.target.value })} />}
        </Field>
        <Field label={t('conduct.when')} hint={t('conduct.whenHint')} error={fields.occurredText}>
          {(p) => <input {...p} maxLength={200} value={draft.occurredText} onChange={(e) => set({ occurredText: e.target.value })} />}
        </Field>
        <fieldset aria-describedby={fields.consent ? 'consent-error' : undefined}>
          <legend>{t('conduct.consent')}</legend>
          <p className="hint">{t('conduct.consentHint')}</p>
          {TIERS.map((tier) => (
            <div key={tier} className="choice">
              <input type="radio" id={`consent-${tier}`} name="consent" value={tier} checked={draft.consent === tier} onChange={() => set({ consent: tier })} aria-describedby={`consent-${tier}-text`} />
              <label htmlFor={`consent-${tier}`}>{t(`conductConsent.${tier}` as MessageKey)}</label>
              <p id={`consent-${tier}-text`} className="hint">
                {t(`conductConsentText.${tier}` as MessageKey)}
              </p>
            </div>
          ))}
          {fields.consent && (
            <p id="consent-error" className="field-error">
              {fields.consent}
            </p>
          )}
        </fieldset>
        <button type="submit" disabled={busy}>
          {checking ? t('status.checking') : busy ? t('status.sending') : t('conduct.send')}
        </button>
      </form>
    </section>
  );
}
