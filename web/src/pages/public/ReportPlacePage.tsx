import { lazy, Suspense, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { LonLat } from '../../map/MapView.tsx';
import { CategoryField, ErrorNotice, Field } from '../../ui/controls.tsx';
import { newIdempotencyKey } from '../../ui/idempotency.ts';
import { useAction } from '../../ui/use-action.ts';
import { clearDraft, useDraft } from '../../ui/use-draft.ts';
import { useLoad } from '../../ui/use-load.ts';

const MapView = lazy(() => import('../../map/MapView.tsx'));

interface PlaceDraft {
  category: string;
  description: string;
  pin: LonLat | null;
  locationText: string;
  /** Kept with the draft so a form resent after a dropped connection is the same report. */
  idempotencyKey: string;
}

/** Public form to report an unsafe place: a pin tapped on the map, or an address; nothing about the reporter. */
export function ReportPlacePage() {
  const { t, locale } = useI18n();
  const categories = useLoad(() => call(api.GET('/api/v1/unsafe-places/categories')), [locale]);
  const [draft, setDraft] = useDraft<PlaceDraft>('place', { category: '', description: '', pin: null, locationText: '', idempotencyKey: newIdempotencyKey() });
  const { busy, error, run, fieldErrors } = useAction();
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<{ number: string; message: string } | null>(null);

  async function send(event?: FormEvent) {
    event?.preventDefault();
    const problems: Record<string, string> = {};
    if (!draft.category) problems.category = t('validation.required');
    if (!draft.description.trim()) problems.description = t('validation.required');
    if (!draft.pin && !draft.locationText.trim()) problems.location = t('placeForm.locationRequired');
    setClientErrors(problems);
    if (Object.keys(problems).length > 0) return;
    await run(async () => {
      const body = {
        category: draft.category,
        description: draft.description,
        idempotencyKey: draft.idempotencyKey,
        ...(draft.pin ? { location: { lon: draft.pin[0], lat: draft.pin[1] } } : {}),
        ...(draft.locationText.trim() ? { locationText: draft.locationText.trim() } : {}),
      };
      setSent(await call(api.POST('/api/v1/unsafe-places', { body })));
      clearDraft('place');
    });
  }

  if (sent) {
    return (
      <section className="narrow" aria-labelledby="place-done">
        <h1 id="place-done">{t('placeForm.thanks')}</h1>
        <p role="status" className="notice">
          {sent.message}
        </p>
        <dl className="receipt">
          <dt>{t('placeForm.number')}</dt>
          <dd className="mono">{sent.number}</dd>
        </dl>
        <p>
          <Link to={`/places/${sent.number}`}>{t('placeForm.statusLink')}</Link>
        </p>
      </section>
    );
  }

  const fields = { ...fieldErrors, ...clientErrors };
  const locationError = fields.location ?? fields['location.lat'] ?? fields['location.lon'];
  return (
    <section className="narrow" aria-labelledby="place-title">
      <h1 id="place-title">{t('placeForm.title')}</h1>
      <p>{t('placeForm.intro')}</p>
      <ErrorNotice error={error} onRetry={() => void send()} />
      <form onSubmit={send} noValidate>
        <CategoryField label={t('places.category')} error={fields.category} value={draft.category} onChange={(category) => setDraft({ ...draft, category })} categories={categories.data?.items} />
        <Field label={t('placeForm.description')} hint={t('placeForm.descriptionHint')} error={fields.description}>
          {(p) => <textarea {...p} required rows={5} maxLength={4000} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />}
        </Field>
        <fieldset>
          <legend>{t('placeForm.where')}</legend>
          <p className="hint">{t('placeForm.mapHint')}</p>
          <Suspense fallback={<p className="loading">{t('status.loading')}</p>}>
            <MapView pin={{ value: draft.pin, onChange: (pin) => setDraft({ ...draft, pin }) }} />
          </Suspense>
          <Field label={t('placeForm.address')} hint={t('placeForm.addressHint')} error={fields.locationText ?? locationError}>
            {(p) => <input {...p} maxLength={500} value={draft.locationText} onChange={(e) => setDraft({ ...draft, locationText: e.target.value })} />}
          </Field>
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? t('status.sending') : t('placeForm.send')}
        </button>
      </form>
    </section>
  );
}
