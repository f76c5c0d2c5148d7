import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorNotice, Field } from '../../ui/controls.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useLoad } from '../../ui/use-load.ts';
import { ImportProgress } from './ImportProgress.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { useImportProgress, type ImportRun } from './use-import-progress.ts';

/**
 * Incident imports: choose or edit a saved profile, upload a file, follow the import live
 * (rows/s, time left), then see its outcome and download the error report; past imports below.
 */
export function ImportsPage() {
  const { t, formatDate, locale } = useI18n();
  const profiles = useLoad(() => call(api.GET('/api/v1/import-profiles')), []);
  const crs = useLoad(() => call(api.GET('/api/v1/crs')), []);
  const runs = useLoad(() => call(api.GET('/api/v1/imports')), []);
  const [profileId, setProfileId] = useState('');
  const [editing, setEditing] = useState<'new' | 'current' | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [started, setStarted] = useState<ImportRun | null>(null);
  const current = useImportProgress(started, locale);
  const action = useAction();
  const chosen = profiles.data?.items.find((p) => p.id === profileId) ?? null;

  async function upload(event: FormEvent) {
    event.preventDefault();
    if (!file || !chosen) return;
    const form = new FormData();
    form.append('profileId', chosen.id);
    form.append('file', file, file.name);
    await action.run(async () => {
      setStarted(await call(api.POST('/api/v1/imports', { body: form as never })));
      runs.reload();
    });
  }

  return (
    <section aria-labelledby="imports-title">
      <h1 id="imports-title">{t('imports.title')}</h1>
      <p className="hint">{t('imports.help')}</p>
      <ErrorNotice error={profiles.error} onRetry={profiles.reload} />
      <form onSubmit={upload} className="narrow" aria-label={t('imports.uploadForm')}>
        <Field label={t('imports.profile')}>
          {(p) => (
            <select {...p} required value={profileId} onChange={(e) => setProfileId(e.target.value)}>
              <option value="">{t('imports.chooseProfile')}</option>
              {profiles.data?.items.map((x) => (
                <option key={x.id} value={x.id}>{x.name}</option>
              ))}
            </select>
          )}
        </Field>
        <p>
          <button type="button" onClick={() => setEditing('new')}>{t('imports.newProfile')}</button>{' '}
          {chosen && <button type="button" onClick={() => setEditing('current')}>{t('imports.editProfile')}</button>}
        </p>
        <Field label={t('imports.file')} hint={chosen ? t('imports.fileHint', { format: chosen.settings.format === 'csv' ? 'CSV' : 'GeoJSON', crs: chosen.settings.crs }) : ''} error={action.fieldErrors.file}>
          {(p) => <input {...p} type="file" required accept=".csv,.txt,.json,.geojson,text/csv,application/geo+json,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
        <ErrorNotice error={action.error} />
        <button type="submit" disabled={action.busy || !file || !chosen}>{t('imports.upload')}</button>
      </form>
      {editing && crs.data && (
        <section aria-labelledby="profile-title">
          <h2 id="profile-title">{editing === 'new' ? t('imports.newProfile') : t('imports.editProfile')}</h2>
          <ProfileForm
            key={editing === 'new' ? 'new' : profileId}
            profile={editing === 'new' ? null : chosen}
            crs={crs.data.items}
            onSaved={(p) => {
              setEditing(null);
              setProfileId(p.id);
              profiles.reload();
            }}
          />
        </section>
      )}
      {current && (
        <section aria-labelledby="current-title">
          <h2 id="current-title">{t('imports.current')}</h2>
          <ImportProgress run={current} onChange={runs.reload} />
        </section>
      )}
      <section aria-labelledby="past-title">
        <h2 id="past-title">{t('imports.past')}</h2>
        <ErrorNotice error={runs.error} onRetry={runs.reload} />
        <ul className="record-list">
          {runs.data?.items.map((run) => (
            <li key={run.id}>
              <span className="hint">{formatDate(run.createdAt)}</span>
              <ImportProgress run={run} onChange={runs.reload} />
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
