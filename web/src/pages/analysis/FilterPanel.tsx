import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import type { AnalysisQuery, FieldErrors } from './analysis-query.ts';
import { ParameterFields } from './ParameterFields.tsx';
import { SelectionFields } from './SelectionFields.tsx';

interface Props {
  value: AnalysisQuery;
  onChange: (value: AnalysisQuery) => void;
  onSubmit: () => void;
  errors: FieldErrors;
  busy: boolean;
}

/** The filter panel: which incidents and which statistic. Values are judged by the server, whose messages show by each field. */
export function FilterPanel({ value, onChange, onSubmit, errors, busy }: Props) {
  const { t } = useI18n();
  const set = (patch: Partial<AnalysisQuery>) => onChange({ ...value, ...patch });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="analysis-filters" onSubmit={submit} noValidate aria-label={t('analysis.filters')}>
      <SelectionFields value={value} set={set} errors={errors.fields} />
      <ParameterFields value={value} set={set} errors={errors.fields} />
      {errors.other.length > 0 && (
        <div role="alert" className="notice notice-error">
          {errors.other.map((message, i) => (
            <p key={i}>{message}</p>
          ))}
        </div>
      )}
      <button type="submit" disabled={busy}>
        {t('analysis.run')}
      </button>
    </form>
  );
}
