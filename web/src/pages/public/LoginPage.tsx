import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAction } from '../../ui/use-action.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorNotice, Field } from '../../ui/controls.tsx';

/** Only plain same-site paths are followed after login (no open redirect, no odd characters). */
const safeNext = (next: string | null) => (next && /^\/(?![/\\])[\w\-./?=&%~+]*$/.test(next) && !/%(0|1|5c|2f)/i.test(next) ? next : '/w');

export function LoginPage() {
  const { t } = useI18n();
  const { session, login } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run, fieldErrors: fields } = useAction();
  const next = safeNext(params.get('next'));
  if (session) return <Navigate to={next} replace />;

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    await run(async () => {
      await login(email.trim(), password);
      navigate(next, { replace: true });
    });
  }

  return (
    <section className="narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      {params.get('expired') && (
        <p role="status" className="notice">
          {t('login.expired')}
        </p>
      )}
      <ErrorNotice error={error} onRetry={() => void submit()} />
      <form onSubmit={submit} noValidate>
        <Field label={t('login.email')} error={fields.email}>
          {(p) => <input {...p} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field label={t('login.password')} error={fields.password}>
          {(p) => <input {...p} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? t('status.sending') : t('login.submit')}
        </button>
      </form>
    </section>
  );
}
