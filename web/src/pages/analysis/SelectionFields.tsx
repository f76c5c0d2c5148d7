import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Field } from '../../ui/controls.tsx';
import { useLoad } from '../../ui/use-load.ts';
import type { AnalysisQuery, FieldErrors } from './analysis-query.ts';
import { IccsPicker } from './IccsPicker.tsx';

interface Props {
  value: AnalysisQuery;
  set: (patch: Partial<AnalysisQuery>) => void;
  errors: FieldErrors['fields'];
}

/** Which incidents: ICCS prefixes, civil days from–to in a time zone, and a jurisdiction as the area. */
export function SelectionFields({ value, set, errors }: Props) {
  const { t } = useI18n();
  const jurisdictions = useLoad(() => call(api.GET('/api/v1/jurisdictions.geojson')), []);
  return (
    <fieldset>
      <legend>{t('analysis.selection')}</legend>
      <IccsPicker value={value.iccs} onChange={(iccs) => set({ iccs })} error={errors.iccs} />
      <div className="field-row">
        <Field label={t('analysis.from')} error={errors.from}>
          {(p) => <input {...p} type="date" value={value.from} onChange={(e) => set({ from: e.target.value })} />}
        </Field>
        <Field label={t('analysis.to')} error={errors.to}>
          {(p) => <input {...p} type="date" value={value.to} onChange={(e) => set({ to: e.target.value })} />}
        </Field>
      </div>
      <Field label={t('analysis.area')} hint={t('analysis.areaHint')} error={errors.area}>
        {(p) => (
          <select {...p} value={value.area} onChange={(e) => set({ area: e.target.value })}>
            <option value="">{t('analysis.areaAll')}</option>
            {jurisdictions.data?.features.map((f) => (
              <option key={f.id} value={f.id}>
                {f.properties.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('analysis.timeZone')} hint={t('analysis.timeZoneHint')} error={errors.tz}>
        {(p) => <input {...p} value={value.tz} onChange={(e) => set({ tz: e.target.value })} autoComplete="off" spellCheck={false} />}
      </Field>
    </fieldset>
  );
}
