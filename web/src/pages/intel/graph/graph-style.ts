import type { EntityType } from './graph-url.ts';

/** Node programs registered with Sigma; each entity type is drawn as one of them. */
export type Shape = 'circle' | 'square' | 'ring';

/**
 * Colour and shape per entity type. Shapes carry the distinction for readers who cannot tell
 * the colours apart: people and places are discs, groups and events rings, objects squares.
 */
export const ENTITY_STYLE: Record<EntityType, { color: string; shape: Shape }> = {
  person: { color: '#1f6fb2', shape: 'circle' },
  criminal_group: { color: '#b3261e', shape: 'ring' },
  vehicle: { color: '#6d4c9f', shape: 'square' },
  phone: { color: '#0f7b6c', shape: 'square' },
  financial_account: { color: '#a05a00', shape: 'square' },
  place: { color: '#3b7d23', shape: 'circle' },
  shipment: { color: '#8a3f73', shape: 'ring' },
  seizure: { color: '#4d5b66', shape: 'ring' },
  document: { color: '#7a6a00', shape: 'square' },
};

export const EDGE_COLOR = '#9aa5b1';
export const PATH_COLOR = '#e8590c';
export const SELECTED_COLOR = '#111111';
export const FADED_COLOR = '#e3e7eb';

/** Node size on screen: start entities larger, then by depth. */
export const nodeSize = (depth: number, count: number) => Math.max(2, (count > 1000 ? 6 : 9) - depth * (count > 1000 ? 1 : 1.5));
