import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { ApiError } from '../api/client.ts';
import { LOCALES, useI18n, type Locale } from '../i18n/i18n.tsx';

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}

/** A labelled control with its hint and the server's (or client's) error next to it. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && <p id={`${id}-hint`} className="hint">{hint}</p>}
      {children({ id, 'aria-invalid': !!error, ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </div>
  );
}

/** A required choice among a channel's report categories, with "choose one" first. */
export function CategoryField(props: { label: string; error?: string | undefined; value: string; onChange: (code: string) => void; categories: readonly { code: string; name: string }[] | undefined }) {
  const { t } = useI18n();
  return (
    <Field label={props.label} error={props.error}>
      {(p) => (
        <select {...p} required value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">{t('tip.chooseCategory')}</option>
          {props.categories?.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export const TextInput = (props: InputHTMLAttributes<HTMLInputElement>) => <input {...props} />;
export const TextArea = (props: TextareaHTMLAttributes<HTMLTextAreaElement>) => <textarea {...props} />;
export const Select = (props: SelectHTMLAttributes<HTMLSelectElement>) => <select {...props} />;

/** A request that failed: the server's message, or a lost connection with a retry button. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError?.isNetwork || !apiError ? t('error.network') : apiError.message;
  return (
    <div role="alert" className="notice notice-error">
      <p>{message}</p>
      {apiError?.body?.requestId && <p className="hint">{t('error.reference', { id: apiError.body.requestId })}</p>}
      {onRetry && (apiError?.isNetwork || !apiError) && (
        <button type="button" onClick={onRetry}>
          {t('action.retry')}
        </button>
      )}
    </div>
  );
}

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

const TLP_CLASS: Record<string, string> = { CLEAR: 'tlp-clear', GREEN: 'tlp-green', AMBER: 'tlp-amber', 'AMBER+STRICT': 'tlp-amber', RED: 'tlp-red' };

export function TlpBadge({ tlp }: { tlp: string }) {
  return <span className={`tlp ${TLP_CLASS[tlp] ?? ''}`}>TLP:{tlp}</span>;
}
