import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Field } from '../../ui/controls.tsx';
import { FIELDS_OF, KINDS, type AnalysisQuery, type FieldErrors } from './analysis-query.ts';

interface Props {
  value: AnalysisQuery;
  set: (patch: Partial<AnalysisQuery>) => void;
  errors: FieldErrors['fields'];
}

type NumberKey = 'cellSize' | 'resolution' | 'bandwidth' | 'pixel' | 'permutations' | 'seed' | 'knoxPermutations';
type TextKey = 'distanceBands' | 'timeBands';
type ChoiceKey = 'window' | 'kernel' | 'metric' | 'period' | 'split';

const CHOICES: Record<ChoiceKey, readonly string[]> = {
  window: ['', 'day', 'week', 'month'],
  kernel: ['gaussian', 'quartic'],
  metric: ['manhattan', 'euclidean'],
  period: ['month', 'week'],
  split: ['none', 'section', 'division'],
};
const NUMBERS = new Set<string>(['cellSize', 'resolution', 'bandwidth', 'pixel', 'permutations', 'seed', 'knoxPermutations']);

/** The statistic and the parameters of that statistic; the server checks every value and its limits. */
export function ParameterFields({ value, set, errors }: Props) {
  const { t } = useI18n();
  const label = (key: string) => t(`analysis.param.${key}` as MessageKey);
  const hint = (key: string) => t(`analysis.paramHint.${key}` as MessageKey);
  const number = (key: NumberKey) => (
    <Field key={key} label={label(key)} hint={hint(key)} error={errors[key]}>
      {(p) => <input {...p} type="text" inputMode="decimal" value={value[key]} onChange={(e) => set({ [key]: e.target.value })} />}
    </Field>
  );
  const text = (key: TextKey) => (
    <Field key={key} label={label(key)} hint={hint(key)} error={errors[key]}>
      {(p) => <input {...p} value={value[key]} onChange={(e) => set({ [key]: e.target.value })} />}
    </Field>
  );
  const choice = (key: ChoiceKey) => (
    <Field key={key} label={label(key)} error={errors[key]}>
      {(p) => (
        <select {...p} value={value[key]} onChange={(e) => set({ [key]: e.target.value })}>
          {CHOICES[key].map((option) => (
            <option key={option} value={option}>
              {t(`analysis.option.${key}.${option || 'total'}` as MessageKey)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <fieldset>
      <legend>{t('analysis.parameters')}</legend>
      <Field label={t('analysis.kind')} hint={t(`analysis.kindHint.${value.kind}`)}>
        {(p) => (
          <select {...p} value={value.kind} onChange={(e) => set({ kind: e.target.value as AnalysisQuery['kind'] })}>
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`analysis.kinds.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {FIELDS_OF[value.kind].map((key) => {
        if (key === 'fdr') {
          return (
            <label key={key} className="choice">
              <input type="checkbox" checked={value.fdr} onChange={(e) => set({ fdr: e.target.checked })} />
              <span>{label('fdr')}</span>
              <span className="hint">{hint('fdr')}</span>
            </label>
          );
        }
        if (NUMBERS.has(key)) return number(key as NumberKey);
        if (key === 'distanceBands' || key === 'timeBands') return text(key);
        return choice(key as ChoiceKey);
      })}
    </fieldset>
  );
}
