import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api/client.ts';
import type { components } from '../../api/schema.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ErrorNotice, Field, TlpBadge } from '../../ui/controls.tsx';
import { useAction } from '../../ui/use-action.ts';

export const IDENTIFIER_KINDS = ['phone', 'email', 'plate', 'iban', 'bank_account', 'card', 'crypto_wallet', 'imei', 'document', 'vin', 'container'] as const;
type Correlation = components['schemas']['Correlation'];

/** Hit/no-hit: who holds an identifier. Visible records are listed; others only as "an organisation holds a match". */
export function IdentifierSearchPage() {
  const { t } = useI18n();
  const [kind, setKind] = useState<(typeof IDENTIFIER_KINDS)[number]>('phone');
  const [value, setValue] = useState('');
  const [country, setCountry] = useState('');
  const [result, setResult] = useState<Correlation | null>(null);
  const { busy, error, run, fieldErrors } = useAction();

  async function search(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      setResult(await call(api.GET('/api/v1/intel/lookup', { params: { query: { kind, value, ...(country ? { country: country.toUpperCase() } : {}) } } })));
    });
  }

  return (
    <section aria-labelledby="lookup-title">
      <h1 id="lookup-title">{t('intel.lookup.title')}</h1>
      <p className="hint">{t('intel.lookup.intro')}</p>
      <form role="search" onSubmit={search} noValidate className="narrow">
        <Field label={t('intel.lookup.kind')}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              {IDENTIFIER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`intel.kind.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('intel.lookup.value')} error={fieldErrors.value}>
          {(p) => <input {...p} required value={value} onChange={(e) => setValue(e.target.value)} />}
        </Field>
        {(kind === 'phone' || kind === 'plate') && (
          <Field label={t('intel.lookup.country')} hint={t('intel.lookup.countryHint')} error={fieldErrors.country}>
            {(p) => <input {...p} maxLength={2} value={country} onChange={(e) => setCountry(e.target.value)} />}
          </Field>
        )}
        <button type="submit" disabled={busy || !value.trim()}>
          {t('action.search')}
        </button>
      </form>
      <ErrorNotice error={Object.keys(fieldErrors).length > 0 ? null : error} />
      {result && <CorrelationResult result={result} />}
    </section>
  );
}

/** Matches and hits of one identifier, with a contact request per hit. */
export function CorrelationResult({ result }: { result: Correlation }) {
  const { t } = useI18n();
  if (result.tooCommon) return <p role="status" className="notice">{t('intel.lookup.tooCommon', { value: result.display })}</p>;
  const nothing = result.matches.length === 0 && result.hits.length === 0;
  return (
    <div role="status" className="correlation">
      <h2>{result.display}</h2>
      {nothing && <p>{t('intel.lookup.noHit')}</p>}
      {result.matches.length > 0 && (
        <>
          <h3>{t('intel.lookup.matches')}</h3>
          <ul className="record-list">
            {result.matches.map((m) => (
              <li key={m.entityId}>
                <TlpBadge tlp={m.tlp} /> <Link to={`/w/intel/entities/${m.mergedIntoId ?? m.entityId}`}>{m.label}</Link>{' '}
                <span className="hint">{t(`intel.type.${m.type}` as MessageKey)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {result.hits.length > 0 && (
        <>
          <h3>{t('intel.lookup.hits')}</h3>
          <ul className="record-list">
            {result.hits.map((h) => (
              <HitItem key={h.hitId} hitId={h.hitId} organisation={h.organisation?.name ?? null} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function HitItem({ hitId, organisation }: { hitId: string; organisation: string | null }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, run, fieldErrors } = useAction();
  const who = organisation ? t('intel.hit.named', { organisation }) : t('intel.hit.unnamed');
  return (
    <li>
      <p>
        <strong>{who}</strong>
      </p>
      {sent ? (
        <p role="status">{t('intel.hit.sent')}</p>
      ) : !open ? (
        <button type="button" onClick={() => setOpen(true)}>
          {t('intel.hit.request')}
        </button>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await call(api.POST('/api/v1/intel/contact-requests', { body: { hitId, message } }));
              setSent(true);
            });
          }}
        >
          <Field label={t('intel.hit.message')} error={fieldErrors.message}>
            {(p) => <textarea {...p} rows={3} required value={message} onChange={(e) => setMessage(e.target.value)} />}
          </Field>
          <ErrorNotice error={error} />
          <button type="submit" disabled={busy || !message.trim()}>
            {t('intel.hit.send')}
          </button>
        </form>
      )}
    </li>
  );
}
