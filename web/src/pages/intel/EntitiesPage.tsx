import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ErrorNotice, TlpBadge } from '../../ui/controls.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { ENTITY_TYPES, type EntityType } from './entity-fields.ts';

/** Entities the user may see; the search and the type filter live in the URL. */
export function EntitiesPage() {
  const { t, formatDate } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = (ENTITY_TYPES as readonly string[]).includes(params.get('type') ?? '') ? (params.get('type') as EntityType) : undefined;
  const [draft, setDraft] = useState(q);
  const entities = useLoad(() => call(api.GET('/api/v1/intel/entities', { params: { query: { ...(q ? { q } : {}), ...(type ? { type } : {}), limit: 100 } } })), [q, type]);
  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  return (
    <section aria-labelledby="entities-title">
      <div className="page-head">
        <h1 id="entities-title">{t('intel.entities.title')}</h1>
        <span>
          <Link to="/w/intel/duplicates">{t('nav.intelDuplicates')}</Link>{' '}
          <Link className="button" to="/w/intel/entities/new">
            {t('intel.entities.new')}
          </Link>
        </span>
      </div>
      <form role="search" className="filters" onSubmit={(e) => (e.preventDefault(), update('q', draft.trim()))}>
        <label htmlFor="entities-q">{t('intel.entities.search')}</label>
        <input id="entities-q" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <label htmlFor="entities-type">{t('intel.entities.type')}</label>
        <select id="entities-type" value={type ?? ''} onChange={(e) => update('type', e.target.value)}>
          <option value="">{t('intel.entities.anyType')}</option>
          {ENTITY_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`intel.type.${ty}` as MessageKey)}
            </option>
          ))}
        </select>
        <button type="submit">{t('action.search')}</button>
      </form>
      <ErrorNotice error={entities.error} onRetry={entities.reload} />
      {entities.loading && <p className="loading">{t('status.loading')}</p>}
      {entities.data && entities.data.items.length === 0 && <p>{t('intel.entities.empty')}</p>}
      <ul className="record-list">
        {entities.data?.items.map((e) => (
          <li key={e.id}>
            <TlpBadge tlp={e.tlp} /> <Link to={`/w/intel/entities/${e.id}`}>{e.label}</Link>
            <span className="hint"> · {t(`intel.type.${e.type}` as MessageKey)} · {formatDate(e.updatedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
