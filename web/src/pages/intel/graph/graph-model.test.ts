import { describe, expect, it } from 'vitest';
import { histogram, mergeResults, neighboursOf, overlaps, visibleInWindow, type GraphEdge, type GraphNode } from './graph-model.ts';
import { readState, writeState } from './graph-url.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const D = '00000000-0000-4000-8000-00000000000d';

const node = (id: string, depth: number, seen: Partial<Pick<GraphNode, 'firstSeen' | 'lastSeen'>> = {}): GraphNode => ({
  id, type: 'person', label: id.slice(-1), tlp: 'GREEN', ownerOrgId: A, firstSeen: null, lastSeen: null, depth, mergedIds: [], ...seen,
});
const edge = (id: string, source: string, target: string, validFrom: string | null = null, validTo: string | null = null): GraphEdge => ({
  id, type: 'associate_of', source, target, tlp: 'GREEN', ownerOrgId: A, validFrom, validTo,
});
const day = (d: string) => Date.parse(`${d}T00:00:00Z`);

describe('the graph view state in the address', () => {
  it('round-trips, leaving defaults out', () => {
    const state = readState(new URLSearchParams(`entity=${A}&depth=3&types=person,phone&from=2024-01-01&exp=${B}&sel=${A}&target=${C}`));
    expect(state).toMatchObject({ entities: [A], depth: 3, maxNodes: 500, entityTypes: ['person', 'phone'], linkTypes: null, from: '2024-01-01', to: null, expanded: [B], selected: A, target: C });
    expect(readState(writeState(state))).toEqual(state);
    expect(writeState(readState(new URLSearchParams(`entity=${A}`))).toString()).toBe(`entity=${A}`);
  });

  it('ignores what is malformed instead of failing', () => {
    const state = readState(new URLSearchParams('entity=nope,1&depth=9&max=7&types=alien&from=2024-13-45&sel=x'));
    expect(state).toMatchObject({ entities: [], depth: 2, maxNodes: 500, entityTypes: null, from: null, selected: null });
  });
});

describe('the timeline', () => {
  const model = mergeResults([A], [
    { nodes: [node(A, 0), node(B, 1), node(C, 2), node(D, 1, { firstSeen: '2019-01-01T00:00:00Z', lastSeen: '2019-12-31T00:00:00Z' })], truncated: false,
      edges: [edge('ab', A, B, '2022-01-01T00:00:00Z', '2022-12-31T00:00:00Z'), edge('bc', B, C, '2024-01-01T00:00:00Z'), edge('ad', A, D)] },
  ]);

  it('keeps a link whose validity overlaps the window, an open end counting as unbounded', () => {
    expect(overlaps('2022-01-01T00:00:00Z', '2022-12-31T00:00:00Z', { from: day('2022-06-01'), to: null })).toBe(true);
    expect(overlaps('2022-01-01T00:00:00Z', '2022-12-31T00:00:00Z', { from: day('2023-01-01'), to: null })).toBe(false);
    expect(overlaps(null, null, { from: day('2030-01-01'), to: day('2030-01-02') })).toBe(true);
    expect(overlaps('2024-01-01T00:00:00Z', null, { from: null, to: day('2023-12-31') })).toBe(false);
  });

  it('hides links outside the window, the entities left without a visible link, and entities seen only outside it', () => {
    expect(visibleInWindow(model, { from: null, to: null })).toEqual({ nodes: new Set([A, B, C, D]), edges: new Set(['ab', 'bc', 'ad']) });
    const in2023 = visibleInWindow(model, { from: day('2023-01-01'), to: day('2023-12-31') });
    // D's undated link would stay, but D was seen only in 2019; A, the start, always stays.
    expect(in2023).toEqual({ nodes: new Set([A]), edges: new Set() });
    expect(visibleInWindow(model, { from: day('2024-06-01'), to: null })).toEqual({ nodes: new Set([A, B, C]), edges: new Set(['bc']) });
  });

  it('counts the links in force in each bin', () => {
    const bars = histogram(model.edges.values(), 4)!;
    expect([bars.start, bars.end]).toEqual([day('2022-01-01'), day('2024-01-01')]);
    // ab covers the first two bins (2022), bc only the last instant; the undated link none.
    expect(bars.bins).toEqual([1, 1, 0, 1]);
    expect(histogram([edge('x', A, B)])).toBeNull();
  });

  it('lists the visible neighbours of a node by name', () => {
    expect(neighboursOf(model, A, new Set(['ab', 'ad'])).map((n) => [n.node.id, n.edge.id, n.outgoing])).toEqual([[B, 'ab', true], [D, 'ad', true]]);
    expect(neighboursOf(model, B, new Set(['ab'])).map((n) => [n.node.id, n.outgoing])).toEqual([[A, false]]);
  });
});
