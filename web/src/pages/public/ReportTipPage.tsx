import { lazy, Suspense, useState, type FormEvent } from 'react';
import { api, call } from '../../api/client.ts';
import { useProofOfWork } from '../../pow/use-proof-of-work.ts';
import { useAction } from '../../ui/use-action.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { CategoryField, ErrorNotice, Field } from '../../ui/controls.tsx';
import { clearDraft, useDraft } from '../../ui/use-draft.ts';
import { newIdempotencyKey } from '../../ui/idempotency.ts';
import { useLoad } from '../../ui/use-load.ts';
import type { LonLat } from '../../map/MapView.tsx';
import { PhotoPicker, usePhotoUploads } from './PhotoUploads.tsx';
import { ReceiptPanel, type Receipt } from './ReceiptPanel.tsx';

// The map library loads only when the resident asks for the map: the form stays light on slow phones.
const MapView = lazy(() => import('../../map/MapView.tsx'));

interface TipDraft {
  category: string;
  body: string;
  locationText: string;
  /** An optional pin the resident taps on the map; never taken from the device. */
  pin?: LonLat | null;
  /** Kept with the draft so a resent form after a dropped connection is the same tip. */
  idempotencyKey: string;
}

/** Anonymous tip form: nothing identifying is asked, and the receipt is shown once. */
export function ReportTipPage() {
  const { t, locale } = useI18n();
  const categories = useLoad(() => call(api.GET('/api/v1/tips/categories')), [locale]);
  const [draft, setDraft] = useDraft<TipDraft>('tip', { category: '', body: '', locationText: '', idempotencyKey: newIdempotencyKey() });
  const { busy, error, run, fieldErrors } = useAction();
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [showMap, setShowMap] = useState(Boolean(draft.pin));
  const { checking, sendWithProof } = useProofOfWork();
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
      const body = {
        category: draft.category,
        body: draft.body,
        idempotencyKey: draft.idempotencyKey,
        ...(draft.locationText.trim() ? { locationText: draft.locationText.trim() } : {}),
        ...(draft.pin ? { location: { lon: draft.pin[0], lat: draft.pin[1] } } : {}),
      };
      const credentials = await sendWithProof((headers) => call(api.POST('/api/v1/tips', { body, headers })));
      setReceipt(credentials);
      clearDraft('tip');
      void photos.send(credentials);
    });
  }

  if (receipt) {
    return (
      <ReceiptPanel receipt={receipt} title={t('tip.thanks')}>
        {photos.items.length > 0 && (
          <>
            {(photos.unsent > 0 || photos.sending) && <p className="notice">{t('photos.keepOpen')}</p>}
            <PhotoPicker uploads={photos} onSend={() => void photos.send(receipt)} />
          </>
        )}
      </ReceiptPanel>
    );
  }

  const fields = { ...fieldErrors, ...clientErrors };
  return (
    <section className="narrow" aria-labelledby="tip-title">
      <h1 id="tip-title">{t('tip.title')}</h1>
      <p>{t('tip.intro')}</p>
      <ErrorNotice error={error} onRetry={() => void send()} />
      <form onSubmit={send} noValidate>
        <CategoryField label={t('tip.category')} error={fields.category} value={draft.category} onChange={(category) => setDraft({ ...draft, category })} categories={categories.data?.items} />
        <Field label={t('tip.body')} hint={t('tip.bodyHint')} error={fields.body}>
          {(p) => <textarea {...p} required rows={7} maxLength={20000} value={draft.body} onChange={(e) => setDraft({ ...draft, body: e.target.value })} />}
        </Field>
        <Field label={t('tip.where')} hint={t('tip.whereHint')} error={fields.locationText}>
          {(p) => <input {...p} maxLength={500} value={draft.locationText} onChange={(e) => setDraft({ ...draft, locationText: e.target.value })} />}
        </Field>
        {showMap ? (
          <fieldset>
            <legend>{t('tip.mapPin')}</legend>
            <p className="hint">{t('tip.mapPinHint')}</p>
            <Suspense fallback={<p className="loading">{t('status.loading')}</p>}>
              <MapView pin={{ value: draft.pin ?? null, onChange: (pin) => setDraft({ ...draft, pin }) }} />
            </Suspense>
            {fields['location.lon'] && <p className="field-error">{fields['location.lon']}</p>}
            <button
              type="button"
              onClick={() => {
                setDraft({ ...draft, pin: null });
                setShowMap(false);
              }}
            >
              {t('tip.removePin')}
            </button>
          </fieldset>
        ) : (
          <p>
            <button type="button" onClick={() => setShowMap(true)}>
              {t('tip.addPin')}
            </button>
          </p>
        )}
        <PhotoPicker uploads={photos} />
        <button type="submit" disabled={busy}>
          {checking ? t('status.checking') : busy ? t('status.sending') : t('tip.send')}
        </button>
      </form>
    </section>
  );
}
