import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorNotice } from '../../ui/controls.tsx';
import { useLoad } from '../../ui/use-load.ts';

/**
 * ICCS prefixes to analyse: sections and their divisions as checkboxes (a section takes in
 * all its divisions). None chosen means every incident, unclassified ones included.
 */
export function IccsPicker({ value, onChange, error }: { value: string[]; onChange: (codes: string[]) => void; error?: string | undefined }) {
  const { t, locale } = useI18n();
  const categories = useLoad(() => call(api.GET('/api/v1/iccs')), [locale]);
  const items = categories.data?.items ?? [];
  const sections = items.filter((c) => c.level === 1);
  const toggle = (code: string, on: boolean) => onChange(on ? [...value, code].sort() : value.filter((c) => c !== code));
  const box = (code: string, name: string, disabled = false) => (
    <label className="choice-inline">
      <input type="checkbox" checked={value.includes(code) || disabled} disabled={disabled} onChange={(e) => toggle(code, e.target.checked)} />
      <span>
        <span className="code">{code}</span> {name}
      </span>
    </label>
  );
  return (
    <fieldset className="iccs-picker" aria-describedby={error ? 'iccs-error' : undefined}>
      <legend>{t('analysis.iccs')}</legend>
      <p className="hint">{value.length ? t('analysis.iccsChosen', { codes: value.join(', ') }) : t('analysis.iccsAll')}</p>
      <ErrorNotice error={categories.error} onRetry={categories.reload} />
      <ul className="iccs-sections">
        {sections.map((section) => {
          const divisions = items.filter((c) => c.parent === section.code);
          return (
            <li key={section.code}>
              {box(section.code, section.name)}
              {divisions.length > 0 && (
                <details open={value.some((c) => c.startsWith(section.code) && c !== section.code)}>
                  <summary>{t('analysis.divisionsOf', { code: section.code })}</summary>
                  <ul>
                    {divisions.map((division) => (
                      <li key={division.code}>{box(division.code, division.name, value.includes(section.code))}</li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p id="iccs-error" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
