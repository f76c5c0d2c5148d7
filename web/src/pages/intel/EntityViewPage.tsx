import { Link, useLocation, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client.ts';
import type { components } from '../../api/schema.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ErrorNotice, TlpBadge } from '../../ui/controls.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useLoad } from '../../ui/use-load.ts';
import { CorrelationResult } from './IdentifierSearchPage.tsx';
import { DuplicateList } from './DuplicatesPage.tsx';

type Correlation = components['schemas']['Correlation'];

/** The other end of a link, by name (read through the API, so only if the user may see it). */
export function EntityName({ id }: { id: string }) {
  const entity = useLoad(() => call(api.GET('/api/v1/intel/entities/{id}', { params: { path: { id } } })), [id]);
  return <Link to={`/w/intel/entities/${id}`}>{entity.data?.label ?? '…'}</Link>;
}

const show = (value: unknown) => (Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

export function EntityViewPage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const location = useLocation();
  const correlations = (location.state as { correlations?: Correlation[] } | null)?.correlations ?? [];
  const entity = useLoad(() => call(api.GET('/api/v1/intel/entities/{id}', { params: { path: { id } } })), [id]);
  const links = useLoad(() => call(api.GET('/api/v1/intel/entities/{id}/links', { params: { path: { id }, query: { limit: 200 } } })), [id]);
  const reports = useLoad(() => call(api.GET('/api/v1/intel/reports', { params: { query: { entityId: id, limit: 50 } } })), [id]);
  const undo = useAction();
  if (entity.error instanceof ApiError && entity.error.status === 404) return <p role="alert">{t('intel.entities.notFound')}</p>;
  const e = entity.data;
  return (
    <article aria-labelledby="entity-title">
      <ErrorNotice error={entity.error ?? undo.error} onRetry={entity.reload} />
      {e && (
        <>
          <h1 id="entity-title">{e.label}</h1>
          <p>
            <TlpBadge tlp={e.tlp} /> <span className="hint">{t(`intel.type.${e.type}` as MessageKey)} · {formatDate(e.updatedAt)}</span>{' '}
            <Link to={`/w/intel/graph?${new URLSearchParams({ entity: e.id, sel: e.id })}`}>{t('intel.entity.showInGraph')}</Link>
          </p>
          {e.mergedIntoId && (
            <p className="notice" role="status">
              {t('intel.merge.mergedInto')} <EntityName id={e.mergedIntoId} />
            </p>
          )}
          {correlations.map((c) => <CorrelationResult key={`${c.kind}:${c.value}`} result={c} />)}
          <dl className="attributes">
            {Object.entries(e.attributes).filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)).map(([k, v]) => (
              <div key={k}>
                <dt>{t(`intel.field.${k}` as MessageKey)}</dt>
                <dd>{show(v)}</dd>
              </div>
            ))}
            {e.identifiers.map((i, n) => (
              <div key={`id${n}`}>
                <dt>{t(`intel.kind.${i.kind}` as MessageKey)}</dt>
                <dd>{i.value}</dd>
              </div>
            ))}
          </dl>
          {e.mergedFrom.length > 0 && (
            <section aria-labelledby="merged-title">
              <h2 id="merged-title">{t('intel.merge.mergedFrom')}</h2>
              <ul className="record-list">
                {e.mergedFrom.map((m) => (
                  <li key={m.mergeId}>
                    <Link to={`/w/intel/entities/${m.entityId}`}>{m.label}</Link>{' '}
                    <button type="button" disabled={undo.busy} onClick={() => void undo.run(async () => {
                      await call(api.POST('/api/v1/intel/merges/{id}/undo', { params: { path: { id: m.mergeId } } }));
                      entity.reload();
                    })}>
                      {t('intel.merge.undo')}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="links-title">
            <h2 id="links-title">{t('intel.links.title')}</h2>
            {links.data && links.data.items.length === 0 && <p>{t('intel.links.empty')}</p>}
            <ul className="record-list">
              {links.data?.items.map((l) => (
                <li key={l.id}>
                  <TlpBadge tlp={l.tlp} /> {l.sourceId === id ? t(`intel.link.${l.type}` as MessageKey) : `← ${t(`intel.link.${l.type}` as MessageKey)}`}{' '}
                  <EntityName id={l.sourceId === id ? l.targetId : l.sourceId} />
                  {l.reportId && <> · <Link to={`/w/intel/reports/${l.reportId}`}>{t('intel.links.source')}</Link></>}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="about-title">
            <h2 id="about-title">{t('intel.reports.title')}</h2>
            <ul className="record-list">
              {reports.data?.items.map((r) => (
                <li key={r.id}>
                  <TlpBadge tlp={r.tlp} /> <Link to={`/w/intel/reports/${r.id}`}>{r.title}</Link> <span className="badge">{r.grading.admiralty}</span>
                </li>
              ))}
            </ul>
          </section>
          {e.type === 'person' && !e.mergedIntoId && <DuplicateList entityId={id} onMerged={entity.reload} />}
        </>
      )}
    </article>
  );
}
