import type { components } from '../../../api/schema.ts';

export type EntityType = components['schemas']['GraphNode']['type'];
export type LinkType = components['schemas']['GraphEdge']['type'];

export const ENTITY_TYPES: EntityType[] = ['person', 'criminal_group', 'vehicle', 'phone', 'financial_account', 'place', 'shipment', 'seizure', 'document'];
export const LINK_TYPES: LinkType[] = [
  'member_of', 'leads', 'associate_of', 'relative_of', 'uses', 'owns', 'located_at', 'transported', 'paid',
  'communicated_with', 'involved_in', 'seized_from', 'same_as',
];
export const DEPTHS = [1, 2, 3, 4] as const;
export const NODE_CAPS = [100, 500, 1000, 2000, 5000] as const;

/**
 * Everything a graph view shows, as it is kept in the address: a shared link opens the same
 * view (the reader sees it through their own clearance, so the same link may show less).
 */
export interface GraphViewState {
  /** Entities the view starts from. */
  entities: string[];
  depth: number;
  maxNodes: number;
  /** Null: every type. */
  entityTypes: EntityType[] | null;
  linkTypes: LinkType[] | null;
  /** Timeline window, days as YYYY-MM-DD; null: open. */
  from: string | null;
  to: string | null;
  /** Nodes expanded by one more level. */
  expanded: string[];
  selected: string | null;
  /** Second selected node: the other end of the shortest path. */
  target: string | null;
  selectedLink: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const ids = (value: string | null, max = 50) => [...new Set((value ?? '').split(',').filter((v) => UUID.test(v)))].slice(0, max);
const id = (value: string | null) => (value && UUID.test(value) ? value : null);
const day = (value: string | null) => (value && DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : null);
function members<T extends string>(value: string | null, all: readonly T[]): T[] | null {
  if (value === null) return null;
  const chosen = all.filter((v) => value.split(',').includes(v));
  return chosen.length === 0 || chosen.length === all.length ? null : chosen;
}
const nearest = (value: string | null, options: readonly number[], fallback: number) => {
  const n = Number(value);
  return options.includes(n) ? n : fallback;
};

/** Reads the state from the address; anything malformed is ignored, never an error. */
export function readState(params: URLSearchParams): GraphViewState {
  return {
    entities: ids(params.get('entity')),
    depth: nearest(params.get('depth'), DEPTHS, 2),
    maxNodes: nearest(params.get('max'), NODE_CAPS, 500),
    entityTypes: members(params.get('types'), ENTITY_TYPES),
    linkTypes: members(params.get('links'), LINK_TYPES),
    from: day(params.get('from')),
    to: day(params.get('to')),
    expanded: ids(params.get('exp'), 200),
    selected: id(params.get('sel')),
    target: id(params.get('target')),
    selectedLink: id(params.get('link')),
  };
}

/** The address of a state; defaults are left out so links stay short. */
export function writeState(state: GraphViewState): URLSearchParams {
  const params = new URLSearchParams();
  const set = (key: string, value: string | null | undefined) => value && params.set(key, value);
  set('entity', state.entities.join(','));
  if (state.depth !== 2) set('depth', String(state.depth));
  if (state.maxNodes !== 500) set('max', String(state.maxNodes));
  set('types', state.entityTypes?.join(','));
  set('links', state.linkTypes?.join(','));
  set('from', state.from);
  set('to', state.to);
  set('exp', state.expanded.join(','));
  set('sel', state.selected);
  set('target', state.target);
  set('link', state.selectedLink);
  return params;
}
