import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, ApiError, call } from '../../../api/client.ts';
import { useI18n, type MessageKey } from '../../../i18n/i18n.tsx';
import { ErrorNotice } from '../../../ui/controls.tsx';
import { useLoad } from '../../../ui/use-load.ts';
import type { Highlight } from './GraphCanvas.tsx';
import { GraphControls, GraphLegend, StartPicker } from './GraphControls.tsx';
import { GraphSidePanel } from './GraphSidePanel.tsx';
import { GraphTimeline } from './GraphTimeline.tsx';
import { histogram, mergeResults, visibleInWindow, type GraphEdge, type GraphNode } from './graph-model.ts';
import { readState, writeState, type GraphViewState } from './graph-url.ts';

// Sigma.js and graphology load with this page only, not with the rest of the app.
const GraphCanvas = lazy(() => import('./GraphCanvas.tsx').then((m) => ({ default: m.GraphCanvas })));

type Result = { nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean };
const EMPTY: Result = { nodes: [], edges: [], truncated: false };

/** The server's filters, as query parameters (the timeline filters on the client, live). */
const filterQuery = (s: GraphViewState) => ({
  ...(s.entityTypes ? { entityTypes: s.entityTypes.join(',') } : {}),
  ...(s.linkTypes ? { linkTypes: s.linkTypes.join(',') } : {}),
});

/** An expansion of a node the reader can no longer see (or that is gone) is left out, not an error. */
const unlessGone = (request: Promise<Result>) => request.catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? EMPTY : Promise.reject(e)));

/** Link analysis: the neighbourhood of entities, expanded on demand, with paths and a timeline. */
export function GraphPage() {
  const { t, formatNumber } = useI18n();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readState(params), [params]);
  const update = useCallback(
    (change: Partial<GraphViewState>, push = false) => setParams(writeState({ ...readState(params), ...change }), { replace: !push }),
    [params, setParams],
  );
  const [layoutRunning, setLayoutRunning] = useState(false);
  const [layoutRun, setLayoutRun] = useState(0);

  const filters = filterQuery(state);
  const key = JSON.stringify([state.entities, state.depth, state.maxNodes, filters, state.expanded]);
  const loaded = useLoad(async () => {
    if (state.entities.length === 0) return [EMPTY];
    const main = call(api.GET('/api/v1/intel/graph/neighbourhood', { params: { query: { entityIds: state.entities.join(','), depth: state.depth, maxNodes: state.maxNodes, ...filters } } }));
    const expansions = state.expanded.map((id) =>
      unlessGone(call(api.GET('/api/v1/intel/graph/neighbourhood', { params: { query: { entityIds: id, depth: 1, maxNodes: 500, ...filters } } }))));
    return Promise.all([main, ...expansions]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const pathKey = JSON.stringify([state.selected, state.target, filters]);
  const path = useLoad(async () => {
    if (!state.selected || !state.target || state.selected === state.target) return null;
    return call(api.GET('/api/v1/intel/graph/paths', { params: { query: { from: state.selected, to: state.target, ...filters } } }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pathKey]);

  const model = useMemo(() => mergeResults(state.entities, [...(loaded.data ?? []), ...(path.data ? [path.data] : [])]), [loaded.data, path.data, state.entities]);
  const visible = useMemo(
    () => visibleInWindow(model, { from: state.from ? Date.parse(state.from) : null, to: state.to ? Date.parse(state.to) + 86_399_999 : null }),
    [model, state.from, state.to],
  );
  const bars = useMemo(() => histogram(model.edges.values()), [model]);
  const highlight = useMemo<Highlight>(() => ({
    visibleNodes: visible.nodes, visibleEdges: visible.edges, selected: state.selected, target: state.target, selectedLink: state.selectedLink,
    pathNodes: new Set(path.data?.paths.flatMap((p) => p.nodeIds) ?? []),
    pathEdges: new Set(path.data?.paths.flatMap((p) => p.edgeIds) ?? []),
  }), [visible, state.selected, state.target, state.selectedLink, path.data]);

  const expand = (node: string) => {
    if (!state.expanded.includes(node) && !state.entities.includes(node)) update({ expanded: [...state.expanded, node], selected: node }, true);
  };

  return (
    <section aria-labelledby="graph-title" className="graph-page">
      <div className="page-head">
        <h1 id="graph-title">{t('graph.title')}</h1>
      </div>
      <StartPicker onPick={(id) => update({ entities: [id], expanded: [], selected: id, target: null, selectedLink: null }, true)} />
      <GraphControls state={state} onChange={(change) => update(change, true)} />
      <ErrorNotice error={loaded.error ?? path.error} onRetry={loaded.reload} />
      {state.entities.length === 0 && <p>{t('graph.empty')}</p>}
      {state.entities.length > 0 && (
        <>
          <p className="hint" role="status">
            {loaded.loading ? t('status.loading') : t('graph.counts', { nodes: formatNumber(visible.nodes.size), links: formatNumber(visible.edges.size) })}
            {model.truncated && !loaded.loading && <> {t('graph.truncated')}</>}
            {' '}{layoutRunning ? t('graph.layout.running') : ''}
          </p>
          <div className="graph-layout">
            <div className="graph-main">
              <Suspense fallback={<p className="loading">{t('status.loading')}</p>}>
              <GraphCanvas
                model={model}
                highlight={highlight}
                label={t('graph.canvasLabel')}
                onSelect={(node, second) => (second && state.selected && state.selected !== node ? update({ target: node, selectedLink: null }) : update({ selected: node, target: null, selectedLink: null }))}
                onExpand={expand}
                onSelectLink={(link) => update({ selectedLink: link })}
                onClear={() => update({ selected: null, target: null, selectedLink: null })}
                onLayoutChange={setLayoutRunning}
                layoutRun={layoutRun}
              />
              </Suspense>
              <div className="actions">
                <button type="button" className="button-secondary" onClick={() => (layoutRunning ? window.alianzaGraph?.stopLayout() : setLayoutRun((n) => n + 1))}>
                  {layoutRunning ? t('graph.layout.stop') : t('graph.layout.run')}
                </button>
              </div>
              {bars && <GraphTimeline histogram={bars} from={state.from} to={state.to} onChange={(from, to) => update({ from, to })} />}
              <GraphLegend />
            </div>
            <GraphSidePanel
              model={model}
              visible={visible}
              state={state}
              path={path.data}
              pathLoading={path.loading && !!state.target}
              onSelect={(node) => update({ selected: node, target: null, selectedLink: null })}
              onTarget={(node) => update({ target: node })}
              onExpand={expand}
              onSelectLink={(link) => update({ selectedLink: link })}
            />
          </div>
        </>
      )}
    </section>
  );
}

export const typeLabel = (t: (key: MessageKey) => string, type: string) => t(`intel.type.${type}` as MessageKey);
export const linkLabel = (t: (key: MessageKey) => string, type: string) => t(`intel.link.${type}` as MessageKey);
