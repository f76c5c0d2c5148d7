import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client.ts';
import type { components } from '../../api/schema.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorNotice, Field } from '../../ui/controls.tsx';
import { useAction } from '../../ui/use-action.ts';

type Profile = components['schemas']['ImportProfile'];
type Settings = components['schemas']['ImportSettings'];
type Crs = components['schemas']['Crs'];

const DATE_FORMATS: Settings['dateFormat'][] = ['iso', 'YYYY-MM-DD', 'YYYY-MM-DD HH:mm', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD/MM/YYYY HH:mm', 'MM/DD/YYYY HH:mm'];
const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
const COLUMN_FIELDS = ['category', 'occurredFrom', 'occurredTo', 'reportedAt', 'x', 'y', 'address'] as const;

interface Draft {
  name: string;
  format: Settings['format'];
  delimiter: Settings['delimiter'];
  idColumn: string;
  linePrefix: string;
  columns: Record<(typeof COLUMN_FIELDS)[number], string>;
  dateFormat: Settings['dateFormat'];
  utcOffsetMinutes: number;
  crs: string;
  tlp: (typeof TLPS)[number];
}

function draftOf(p: Profile | null): Draft {
  const s = p?.settings;
  const id = s?.columns.externalId;
  return {
    name: p?.name ?? '',
    format: s?.format ?? 'csv',
    delimiter: s?.delimiter ?? ',',
    idColumn: typeof id === 'string' ? id : '',
    linePrefix: typeof id === 'object' && id ? id.linePrefix : '',
    columns: Object.fromEntries(COLUMN_FIELDS.map((f) => [f, (s?.columns[f] as string | undefined) ?? ''])) as Draft['columns'],
    dateFormat: s?.dateFormat ?? 'YYYY-MM-DD',
    utcOffsetMinutes: s?.utcOffsetMinutes ?? 0,
    crs: s?.crs ?? 'EPSG:4326',
    tlp: p?.tlp ?? 'AMBER',
  };
}

/** Creates or edits an import profile: how one kind of file maps to incidents. */
export function ProfileForm({ profile, crs, onSaved }: { profile: Profile | null; crs: Crs[]; onSaved: (p: Profile) => void }) {
  const { t } = useI18n();
  const [d, setD] = useState<Draft>(() => draftOf(profile));
  const action = useAction();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((prev) => ({ ...prev, [key]: value }));
  const f = action.fieldErrors;

  async function save(event: FormEvent) {
    event.preventDefault();
    const columns = Object.fromEntries(Object.entries(d.columns).filter(([, v]) => v.trim() !== '')) as Settings['columns'];
    const body = {
      name: d.name,
      tlp: d.tlp,
      settings: {
        format: d.format,
        delimiter: d.delimiter,
        columns: { ...columns, externalId: d.idColumn.trim() ? d.idColumn.trim() : { linePrefix: d.linePrefix.trim() || d.name } },
        dateFormat: d.dateFormat,
        utcOffsetMinutes: d.utcOffsetMinutes,
        crs: d.crs,
      },
    };
    await action.run(async () => {
      const saved = profile
        ? await call(api.PUT('/api/v1/import-profiles/{id}', { params: { path: { id: profile.id } }, body: body as never }))
        : await call(api.POST('/api/v1/import-profiles', { body: body as never }));
      onSaved(saved);
    });
  }

  return (
    <form onSubmit={save} className="narrow" aria-label={t('imports.profileForm')}>
      <ErrorNotice error={action.error} />
      <Field label={t('imports.profileName')} error={f.name}>
        {(p) => <input {...p} required maxLength={100} value={d.name} onChange={(e) => set('name', e.target.value)} />}
      </Field>
      <Field label={t('imports.format')} error={f['settings.format']}>
        {(p) => (
          <select {...p} value={d.format} onChange={(e) => set('format', e.target.value as Draft['format'])}>
            <option value="csv">CSV</option>
            <option value="geojson">GeoJSON</option>
          </select>
        )}
      </Field>
      {d.format === 'csv' && (
        <Field label={t('imports.delimiter')}>
          {(p) => (
            <select {...p} value={d.delimiter} onChange={(e) => set('delimiter', e.target.value as Draft['delimiter'])}>
              <option value=",">,</option>
              <option value=";">;</option>
              <option value={'\t'}>TAB</option>
              <option value="|">|</option>
            </select>
          )}
        </Field>
      )}
      <Field label={t('imports.column.externalId')} hint={t('imports.column.externalIdHint')} error={f['settings.columns.externalId']}>
        {(p) => <input {...p} value={d.idColumn} onChange={(e) => set('idColumn', e.target.value)} />}
      </Field>
      {COLUMN_FIELDS.filter((c) => d.format === 'csv' || (c !== 'x' && c !== 'y')).map((c) => (
        <Field key={c} label={t(`imports.column.${c}`)} error={f[`settings.columns.${c}`]}>
          {(p) => <input {...p} required={c === 'category' || c === 'occurredFrom'} value={d.columns[c]} onChange={(e) => set('columns', { ...d.columns, [c]: e.target.value })} />}
        </Field>
      ))}
      <Field label={t('imports.dateFormat')}>
        {(p) => (
          <select {...p} value={d.dateFormat} onChange={(e) => set('dateFormat', e.target.value as Draft['dateFormat'])}>
            {DATE_FORMATS.map((x) => (
              <option key={x} value={x}>{x === 'iso' ? 'ISO 8601' : x}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('imports.utcOffset')} hint={t('imports.utcOffsetHint')} error={f['settings.utcOffsetMinutes']}>
        {(p) => <input {...p} type="number" min={-840} max={840} step={15} value={d.utcOffsetMinutes} onChange={(e) => set('utcOffsetMinutes', Number(e.target.value))} />}
      </Field>
      <Field label={t('imports.crs')} error={f['settings.crs']}>
        {(p) => (
          <select {...p} value={d.crs} onChange={(e) => set('crs', e.target.value)}>
            {crs.map((c) => (
              <option key={c.code} value={c.code}>{`${c.code} ${c.name}`}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('imports.tlp')}>
        {(p) => (
          <select {...p} value={d.tlp} onChange={(e) => set('tlp', e.target.value as Draft['tlp'])}>
            {TLPS.map((x) => (
              <option key={x} value={x}>TLP:{x}</option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={action.busy}>{t('imports.saveProfile')}</button>
    </form>
  );
}
