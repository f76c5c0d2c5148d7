import { useState } from 'react';
import { api, call } from '../../../api/client.ts';
import { useI18n, type MessageKey } from '../../../i18n/i18n.tsx';
import { ErrorNotice, TlpBadge } from '../../../ui/controls.tsx';
import { useLoad } from '../../../ui/use-load.ts';
import { ENTITY_STYLE } from './graph-style.ts';
import { DEPTHS, ENTITY_TYPES, LINK_TYPES, NODE_CAPS, type GraphViewState } from './graph-url.ts';

/** Search an entity by name or identifier and start the graph from it. */
export function StartPicker({ onPick }: { onPick(id: string): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const found = useLoad(async () => (q ? call(api.GET('/api/v1/intel/entities', { params: { query: { q, limit: 20 } } })) : null), [q]);
  return (
    <div className="graph-start">
      <form role="search" className="filters" onSubmit={(e) => (e.preventDefault(), setQ(draft.trim()))}>
        <label htmlFor="graph-start-q">{t('graph.start.search')}</label>
        <input id="graph-start-q" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit">{t('action.search')}</button>
      </form>
      <ErrorNotice error={found.error} />
      {found.data && found.data.items.length === 0 && <p>{t('intel.entities.empty')}</p>}
      {found.data && found.data.items.length > 0 && (
        <ul className="record-list" aria-label={t('graph.start.results')}>
          {found.data.items.map((e) => (
            <li key={e.id}>
              <TlpBadge tlp={e.tlp} />{' '}
              <button type="button" className="button-secondary" onClick={() => (onPick(e.id), setQ(''), setDraft(''))}>
                {t('graph.start.pick', { label: e.label })}
              </button>{' '}
              <span className="hint">{t(`intel.type.${e.type}` as MessageKey)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function toggle<T extends string>(chosen: T[] | null, all: readonly T[], value: T): T[] | null {
  const current = chosen ?? [...all];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return next.length === all.length || next.length === 0 ? null : all.filter((v) => next.includes(v));
}

/** Depth, size and the server-side filters (entity and link types). */
export function GraphControls({ state, onChange }: { state: GraphViewState; onChange(change: Partial<GraphViewState>): void }) {
  const { t } = useI18n();
  return (
    <>
      <div className="filters">
        <label htmlFor="graph-depth">{t('graph.depth')}</label>
        <select id="graph-depth" value={state.depth} onChange={(e) => onChange({ depth: Number(e.target.value) })}>
          {DEPTHS.map((d) => <option key={d} value={d}>{d}</option>)}
        </select>
        <label htmlFor="graph-max">{t('graph.maxNodes')}</label>
        <select id="graph-max" value={state.maxNodes} onChange={(e) => onChange({ maxNodes: Number(e.target.value) })}>
          {NODE_CAPS.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </div>
      {/* Open when a filter is set, so a shared link shows why some types are missing. */}
      <details className="graph-controls" open={!!(state.entityTypes || state.linkTypes)}>
      <summary>{t('graph.filters')}</summary>
      <fieldset className="graph-types">
        <legend>{t('graph.entityTypes')}</legend>
        {ENTITY_TYPES.map((type) => (
          <label key={type} className="graph-check">
            <input type="checkbox" checked={!state.entityTypes || state.entityTypes.includes(type)} onChange={() => onChange({ entityTypes: toggle(state.entityTypes, ENTITY_TYPES, type) })} />
            {t(`intel.type.${type}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <fieldset className="graph-types">
        <legend>{t('graph.linkTypes')}</legend>
        {LINK_TYPES.map((type) => (
          <label key={type} className="graph-check">
            <input type="checkbox" checked={!state.linkTypes || state.linkTypes.includes(type)} onChange={() => onChange({ linkTypes: toggle(state.linkTypes, LINK_TYPES, type) })} />
            {t(`intel.link.${type}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      </details>
    </>
  );
}

/** What each colour and shape stands for. */
export function GraphLegend() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="graph-legend-title" className="graph-legend">
      <h2 id="graph-legend-title">{t('graph.legend')}</h2>
      <ul>
        {ENTITY_TYPES.map((type) => (
          <li key={type}>
            <span className={`graph-swatch graph-swatch-${ENTITY_STYLE[type].shape}`} style={{ ['--swatch' as string]: ENTITY_STYLE[type].color }} aria-hidden="true" />
            {t(`intel.type.${type}` as MessageKey)}
          </li>
        ))}
        <li>
          <span className="graph-swatch graph-swatch-path" aria-hidden="true" />
          {t('graph.legendPath')}
        </li>
      </ul>
    </section>
  );
}
