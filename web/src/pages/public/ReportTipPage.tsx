import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api/client.ts';
import { useAction } from '../../ui/use-action.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorNotice, Field } from '../../ui/controls.tsx';
import { clearDraft, useDraft } from '../../ui/use-draft.ts';
import { useLoad } from '../../ui/use-load.ts';
import { PhotoPicker, usePhotoUploads } from './PhotoUploads.tsx';

interface TipDraft {
  category: string;
  body: string;
  locationText: string;
  /** Kept with the draft so a resent form after a dropped connection is the same tip. */
  idempotencyKey: string;
}

const newKey = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24)))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Anonymous tip form: nothing identifying is asked, and the receipt is shown once. */
export function ReportTipPage() {
  const { t, locale } = useI18n();
  const categories = useLoad(() => call(api.GET('/api/v1/tips/categories')), [locale]);
  const [draft, setDraft] = useDraft<TipDraft>('tip', { category: '', body: '', locationText: '', idempotencyKey: newKey() });
  const { busy, error, run, fieldErrors } = useAction();
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [receipt, setReceipt] = useState<{ receipt: string; passphrase: string; message: string } | null>(null);
  // Photos can only be attached to a tip that exists: they are sent once the receipt is here.
  const photos = usePhotoUploads();

  async function send(event?: FormEvent) {
    event?.preventDefault();
    const problems: Record<string, string> = {};
    if (!draft.category) problems.category = t('validation.required');
    if (!draft.body.trim()) problems.body = t('validation.required');
    setClientErrors(problems);
    if (Object.keys(problems).length > 0) return;
    await run(async () => {
      const body = { category: draft.category, body: draft.body, idempotencyKey: draft.idempotencyKey, ...(draft.locationText.trim() ? { locationText: draft.locationText.trim() } : {}) };
      const credentials = await call(api.POST('/api/v1/tips', { body }));
      setReceipt(credentials);
      clearDraft('tip');
      void photos.send(credentials);
    });
  }

  if (receipt) {
    return (
      <section className="narrow" aria-labelledby="tip-done">
        <h1 id="tip-done">{t('tip.thanks')}</h1>
        <p role="status" className="notice">
          {receipt.message}
        </p>
        <dl className="receipt">
          <dt>{t('tip.receipt')}</dt>
          <dd className="mono">{receipt.receipt.replace(/(\d{4})(?=\d)/g, '$1 ')}</dd>
          <dt>{t('tip.passphrase')}</dt>
          <dd className="mono">{receipt.passphrase}</dd>
        </dl>
        {photos.items.length > 0 && (
          <>
            {(photos.unsent > 0 || photos.sending) && <p className="notice">{t('photos.keepOpen')}</p>}
            <PhotoPicker uploads={photos} onSend={() => void photos.send(receipt)} />
          </>
        )}
        <p>
          <Link to="/follow-up">{t('tip.followUpLink')}</Link>
        </p>
      </section>
    );
  }

  const fields = { ...fieldErrors, ...clientErrors };
  return (
    <section className="narrow" aria-labelledby="tip-title">
      <h1 id="tip-title">{t('tip.title')}</h1>
      <p>{t('tip.intro')}</p>
      <ErrorNotice error={error} onRetry={() => void send()} />
      <form onSubmit={send} noValidate>
        <Field label={t('tip.category')} error={fields.category}>
          {(p) => (
            <select {...p} required value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })}>
              <option value="">{t('tip.chooseCategory')}</option>
              {categories.data?.items.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('tip.body')} hint={t('tip.bodyHint')} error={fields.body}>
          {(p) => <textarea {...p} required rows={7} maxLength={20000} value={draft.body} onChange={(e) => setDraft({ ...draft, body: e.target.value })} />}
        </Field>
        <Field label={t('tip.where')} hint={t('tip.whereHint')} error={fields.locationText}>
          {(p) => <input {...p} maxLength={500} value={draft.locationText} onChange={(e) => setDraft({ ...draft, locationText: e.target.value })} />}
        </Field>
        <PhotoPicker uploads={photos} />
        <button type="submit" disabled={busy}>
          {busy ? t('status.sending') : t('tip.send')}
        </button>
      </form>
    </section>
  );
}
