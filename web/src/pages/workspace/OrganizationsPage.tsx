import { useState, type FormEvent } from 'react';
import { api, ApiError, call } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ErrorNotice, Field } from '../../ui/controls.tsx';
import { useLoad } from '../../ui/use-load.ts';

const TYPES = [
  'police_agency', 'prosecutor', 'municipality', 'ministry', 'ngo', 'community_association',
  'school', 'religious_organisation', 'business', 'international_partner', 'oversight_body',
] as const;
type OrgType = (typeof TYPES)[number];

/** Directory of organisations; platform administrators add new ones. */
export function OrganizationsPage() {
  const { t } = useI18n();
  const orgs = useLoad(() => call(api.GET('/api/v1/organizations')), []);
  const [form, setForm] = useState<{ name: string; type: OrgType; country: string; triageHub: boolean }>({ name: '', type: 'police_agency', country: '', triageHub: false });
  const [error, setError] = useState<unknown>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await call(api.POST('/api/v1/organizations', { body: { ...form, country: form.country.toUpperCase() } }));
      setForm({ ...form, name: '', country: '', triageHub: false });
      orgs.reload();
    } catch (err) {
      setError(err);
    }
  }

  async function setTriageHub(id: string, triageHub: boolean) {
    setError(null);
    try {
      await call(api.PATCH('/api/v1/organizations/{id}', { params: { path: { id } }, body: { triageHub } }));
      orgs.reload();
    } catch (err) {
      setError(err);
    }
  }

  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  return (
    <section aria-labelledby="orgs-title">
      <h1 id="orgs-title">{t('orgs.title')}</h1>
      <ErrorNotice error={orgs.error} onRetry={orgs.reload} />
      <table>
        <caption>{t('orgs.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('orgs.name')}</th>
            <th scope="col">{t('orgs.type')}</th>
            <th scope="col">{t('orgs.country')}</th>
            <th scope="col">{t('orgs.triageHub')}</th>
          </tr>
        </thead>
        <tbody>
          {orgs.data?.items.map((o) => (
            <tr key={o.id}>
              <td>{o.name}</td>
              <td>{t(`orgType.${o.type}` as MessageKey)}</td>
              <td>{o.country}</td>
              <td>
                <label>
                  <input type="checkbox" checked={o.triageHub} onChange={(e) => void setTriageHub(o.id, e.target.checked)} />
                  <span className="visually-hidden">
                    {t('orgs.triageHub')}: {o.name}
                  </span>
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('orgs.add')}</h2>
      <ErrorNotice error={error} />
      <form onSubmit={create} className="narrow" noValidate>
        <Field label={t('orgs.name')} error={fields.name}>
          {(p) => <input {...p} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
        </Field>
        <Field label={t('orgs.type')} error={fields.type}>
          {(p) => (
            <select {...p} value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value as OrgType })}>
              {TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`orgType.${type}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('orgs.country')} hint={t('orgs.countryHint')} error={fields.country}>
          {(p) => <input {...p} required maxLength={2} value={form.country} onChange={(e) => setForm({ ...form, country: e.target.value })} />}
        </Field>
        <label>
          <input type="checkbox" checked={form.triageHub} onChange={(e) => setForm({ ...form, triageHub: e.target.checked })} /> {t('orgs.triageHubHint')}
        </label>
        <button type="submit">{t('orgs.create')}</button>
      </form>
    </section>
  );
}
