import { useState, type FormEvent } from 'react';
import { api, ApiError, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorNotice, Field } from '../../ui/controls.tsx';
import { useLoad } from '../../ui/use-load.ts';

const SCOPES = ['read', 'write', 'admin', 'audit'] as const;
type Scope = (typeof SCOPES)[number];

/** API tokens of the user: created (secret shown once), listed, revoked. */
export function TokensPage() {
  const { t, formatDate } = useI18n();
  const tokens = useLoad(() => call(api.GET('/api/v1/tokens')), []);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read']);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const token = await call(api.POST('/api/v1/tokens', { body: { name, scopes } }));
      setCreated(token.token);
      setName('');
      tokens.reload();
    } catch (err) {
      setError(err);
    }
  }

  async function revoke(id: string) {
    try {
      await call(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } }));
      tokens.reload();
    } catch (err) {
      setError(err);
    }
  }

  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  return (
    <section aria-labelledby="tokens-title">
      <h1 id="tokens-title">{t('tokens.title')}</h1>
      <p className="hint">{t('tokens.help')}</p>
      {created && (
        <div role="status" className="notice">
          <p>{t('tokens.createdOnce')}</p>
          <code className="secret">{created}</code>
        </div>
      )}
      <ErrorNotice error={error} />
      <form onSubmit={create} className="narrow">
        <Field label={t('tokens.name')} error={fields.name}>
          {(p) => <input {...p} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <fieldset>
          <legend>{t('tokens.scopes')}</legend>
          {SCOPES.map((s) => (
            <label key={s} className="choice">
              <input type="checkbox" checked={scopes.includes(s)} onChange={(e) => setScopes(e.target.checked ? [...scopes, s] : scopes.filter((x) => x !== s))} />
              <span>{t(`scope.${s}`)}</span>
            </label>
          ))}
          {fields.scopes && <p className="field-error">{fields.scopes}</p>}
        </fieldset>
        <button type="submit">{t('tokens.create')}</button>
      </form>
      <ErrorNotice error={tokens.error} onRetry={tokens.reload} />
      <ul className="record-list">
        {tokens.data?.items.map((token) => (
          <li key={token.id}>
            <strong>{token.name}</strong> <span className="hint">{token.scopes.join(', ')} · {formatDate(token.createdAt)}</span>{' '}
            {token.revokedAt ? (
              <span className="hint">{t('tokens.revoked')}</span>
            ) : (
              <button type="button" onClick={() => void revoke(token.id)}>
                {t('tokens.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
