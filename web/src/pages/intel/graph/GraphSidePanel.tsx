import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { components } from '../../../api/schema.ts';
import { useI18n, type MessageKey } from '../../../i18n/i18n.tsx';
import { TlpBadge } from '../../../ui/controls.tsx';
import { neighboursOf, type GraphModel } from './graph-model.ts';
import type { GraphViewState } from './graph-url.ts';

interface Props {
  model: GraphModel;
  visible: { nodes: Set<string>; edges: Set<string> };
  state: GraphViewState;
  path: components['schemas']['GraphPaths'] | null;
  pathLoading: boolean;
  onSelect(node: string): void;
  onTarget(node: string): void;
  onExpand(node: string): void;
  onSelectLink(link: string): void;
}

/**
 * The selected entity or link in words: its marking, its neighbours as a list (the text
 * alternative of the drawing, and the keyboard way through the graph), and the path search.
 */
export function GraphSidePanel({ model, visible, state, path, pathLoading, onSelect, onTarget, onExpand, onSelectLink }: Props) {
  const { t, formatDate } = useI18n();
  const node = state.selected ? model.nodes.get(state.selected) : undefined;
  const link = state.selectedLink ? model.edges.get(state.selectedLink) : undefined;
  const neighbours = useMemo(() => (node ? neighboursOf(model, node.id, visible.edges) : []), [model, node, visible.edges]);
  const nameOf = (id: string) => model.nodes.get(id)?.label ?? '…';
  const day = (iso: string | null) => (iso ? formatDate(iso, 'date') : t('graph.open'));
  return (
    <aside className="graph-side" aria-labelledby="graph-side-title">
      <h2 id="graph-side-title">{node ? node.label : t('graph.side.none')}</h2>
      {!node && <p className="hint">{t('graph.side.help')}</p>}
      {node && (
        <>
          <p>
            <TlpBadge tlp={node.tlp} /> <span className="hint">{t(`intel.type.${node.type}` as MessageKey)}</span>
          </p>
          {(node.firstSeen || node.lastSeen) && <p className="hint">{t('graph.side.seen', { from: day(node.firstSeen), to: day(node.lastSeen) })}</p>}
          <div className="actions">
            <Link to={`/w/intel/entities/${node.id}`}>{t('graph.side.open')}</Link>
            {!state.entities.includes(node.id) && !state.expanded.includes(node.id) && (
              <button type="button" onClick={() => onExpand(node.id)}>{t('graph.side.expand')}</button>
            )}
          </div>
          <PathSearch model={model} visible={visible} from={node.id} onTarget={onTarget} />
        </>
      )}
      {state.target && (
        <section aria-labelledby="graph-path-title" aria-live="polite">
          <h3 id="graph-path-title">{t('graph.path.title', { from: nameOf(state.selected ?? ''), to: nameOf(state.target) })}</h3>
          {pathLoading && <p className="loading">{t('status.loading')}</p>}
          {path && path.length === null && <p>{path.truncated ? t('graph.path.truncated') : t('graph.path.none')}</p>}
          {path && path.length !== null && (
            <>
              <p>{t('graph.path.found', { count: path.paths.length, length: path.length })}</p>
              <ol className="graph-path" aria-label={t('graph.path.steps')}>
                {path.paths[0]!.nodeIds.map((id) => <li key={id}>{nameOf(id)}</li>)}
              </ol>
            </>
          )}
        </section>
      )}
      {link && (
        <section aria-labelledby="graph-link-title">
          <h3 id="graph-link-title">{t('graph.link.title')}</h3>
          <p>
            <TlpBadge tlp={link.tlp} /> {nameOf(link.source)} — {t(`intel.link.${link.type}` as MessageKey)} → {nameOf(link.target)}
          </p>
          <p className="hint">{t('graph.link.valid', { from: day(link.validFrom), to: day(link.validTo) })}</p>
        </section>
      )}
      {node && (
        <section aria-labelledby="graph-neighbours-title">
          <h3 id="graph-neighbours-title">{t('graph.neighbours', { count: neighbours.length })}</h3>
          <ul className="record-list graph-neighbours">
            {neighbours.map(({ node: other, edge, outgoing }) => (
              <li key={edge.id} data-node={other.id}>
                <TlpBadge tlp={edge.tlp} /> {outgoing ? t(`intel.link.${edge.type}` as MessageKey) : `← ${t(`intel.link.${edge.type}` as MessageKey)}`}{' '}
                <button type="button" className="link-button" onClick={() => onSelect(other.id)}>{other.label}</button>{' '}
                <span className="hint">{t(`intel.type.${other.type}` as MessageKey)} · </span><TlpBadge tlp={other.tlp} />{' '}
                <button type="button" className="link-button" onClick={() => onSelectLink(edge.id)} aria-label={t('graph.link.show', { label: other.label })}>
                  {t('graph.link.details')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}

/** The other end of a shortest path, by name among the entities drawn (or shift-click a node). */
function PathSearch({ model, visible, from, onTarget }: { model: GraphModel; visible: { nodes: Set<string> }; from: string; onTarget(node: string): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const [missing, setMissing] = useState(false);
  const labels = useMemo(() => [...visible.nodes].filter((id) => id !== from).map((id) => model.nodes.get(id)!).sort((a, b) => a.label.localeCompare(b.label)), [model, visible.nodes, from]);
  const submit = () => {
    const wanted = draft.trim().toLowerCase();
    const match = labels.find((n) => n.label.toLowerCase() === wanted) ?? labels.find((n) => n.label.toLowerCase().includes(wanted));
    setMissing(!match);
    if (match) onTarget(match.id);
  };
  return (
    <form className="filters" onSubmit={(e) => (e.preventDefault(), submit())}>
      <label htmlFor="graph-path-to">{t('graph.path.to')}</label>
      <input id="graph-path-to" list="graph-path-options" value={draft} onChange={(e) => setDraft(e.target.value)} aria-describedby="graph-path-hint" />
      <datalist id="graph-path-options">
        {labels.slice(0, 2000).map((n) => <option key={n.id} value={n.label} />)}
      </datalist>
      <button type="submit">{t('graph.path.find')}</button>
      <p id="graph-path-hint" className="hint">{missing ? t('graph.path.unknown') : t('graph.path.hint')}</p>
    </form>
  );
}
