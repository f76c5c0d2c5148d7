import { describe, expect, it } from 'vitest';
import { expand, shortestPaths, type Hop, type Step } from './traversal.ts';

/** A plain in-memory graph behind the Step interface, counting what was asked of it. */
function memoryStep(hops: Hop[]): Step<Hop> & { calls: number } {
  const slice = (list: Hop[], limit: number) => ({ hops: list.slice(0, limit), complete: list.length <= limit });
  const step = {
    calls: 0,
    async touching(nodes: readonly string[], limit: number) {
      step.calls += 1;
      const set = new Set(nodes);
      return slice(hops.filter((h) => set.has(h.source) || set.has(h.target)), limit);
    },
    async within(nodes: readonly string[], limit: number) {
      step.calls += 1;
      const set = new Set(nodes);
      return slice(hops.filter((h) => set.has(h.source) && set.has(h.target)), limit);
    },
  };
  return step;
}

/** A reproducible random graph (mulberry32), with parallel links and links between duplicates. */
function randomGraph(seed: number, nodes: number, links: number): Hop[] {
  let s = seed;
  const random = () => {
    s = (s + 0x6d2b79f5) | 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: links }, (_, i) => ({ id: `l${i}`, source: `n${Math.floor(random() * nodes)}`, target: `n${Math.floor(random() * nodes)}` }));
}

/** Distances by textbook breadth-first search, for comparison. */
function distances(hops: Hop[], start: string): Map<string, number> {
  const adjacent = new Map<string, string[]>();
  for (const h of hops) {
    if (h.source === h.target) continue;
    adjacent.set(h.source, [...(adjacent.get(h.source) ?? []), h.target]);
    adjacent.set(h.target, [...(adjacent.get(h.target) ?? []), h.source]);
  }
  const dist = new Map([[start, 0]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of adjacent.get(node) ?? []) {
      if (!dist.has(next)) {
        dist.set(next, dist.get(node)! + 1);
        queue.push(next);
      }
    }
  }
  return dist;
}

describe('expand', () => {
  it('matches breadth-first search on random graphs: the same nodes and distances, every link among them', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const hops = randomGraph(seed, 300, 450);
      for (const maxDepth of [1, 2, 3]) {
        const result = await expand(memoryStep(hops), ['n0'], { maxDepth, maxNodes: 10_000, maxEdges: 10_000 });
        const want = new Map([...distances(hops, 'n0')].filter(([, d]) => d <= maxDepth));
        expect(Object.fromEntries(result.depth)).toEqual(Object.fromEntries(want));
        const among = hops.filter((h) => h.source !== h.target && want.has(h.source) && want.has(h.target)).map((h) => h.id).sort();
        expect([...result.edges.keys()].sort()).toEqual(among);
        expect(result.truncated).toBe(false);
      }
    }
  });

  it('keeps the best-connected nodes of the level that overflows, and stops there', async () => {
    const hops = [
      { id: 'a1', source: 'hub', target: 'a' }, { id: 'a2', source: 'hub', target: 'a' }, { id: 'b', source: 'hub', target: 'b' },
      { id: 'c', source: 'hub', target: 'c' }, { id: 'deep', source: 'a', target: 'far' },
    ];
    const result = await expand(memoryStep(hops), ['hub'], { maxDepth: 3, maxNodes: 3, maxEdges: 100 });
    expect([...result.depth.keys()]).toEqual(['hub', 'a', 'b']);
    expect([...result.edges.keys()].sort()).toEqual(['a1', 'a2', 'b']);
    expect(result.truncated).toBe(true);
  });

  it('reports truncation when a step returns its limit, and never when the graph fits exactly', async () => {
    const star = Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, source: 'hub', target: `leaf${i}` }));
    expect((await expand(memoryStep(star), ['hub'], { maxDepth: 2, maxNodes: 21, maxEdges: 20 })).truncated).toBe(false);
    expect((await expand(memoryStep(star), ['hub'], { maxDepth: 2, maxNodes: 21, maxEdges: 19 })).truncated).toBe(true);
    expect((await expand(memoryStep(star), ['hub'], { maxDepth: 2, maxNodes: 20, maxEdges: 20 })).truncated).toBe(true);
  });

  it('does not draw a link between two entities merged into the same node', async () => {
    const result = await expand(memoryStep([{ id: 'self', source: 'x', target: 'x' }, { id: 'xy', source: 'x', target: 'y' }]), ['x'], { maxDepth: 1, maxNodes: 10, maxEdges: 10 });
    expect([...result.edges.keys()]).toEqual(['xy']);
  });
});

describe('shortestPaths', () => {
  it('finds the breadth-first distance on random graphs, with valid and distinct paths of that length', async () => {
    for (const seed of [11, 12, 13]) {
      const hops = randomGraph(seed, 200, 260);
      const byId = new Map(hops.map((h) => [h.id, h]));
      const dist = distances(hops, 'n0');
      for (let target = 1; target < 60; target += 1) {
        const to = `n${target}`;
        const found = await shortestPaths(memoryStep(hops), 'n0', to, { maxLength: 8, maxPaths: 50, budget: 100_000 });
        const want = dist.get(to);
        expect(found.length).toBe(want !== undefined && want <= 8 ? want : null);
        expect(found.truncated).toBe(false);
        for (const path of found.paths) {
          expect(path.nodes[0]).toBe('n0');
          expect(path.nodes.at(-1)).toBe(to);
          expect(path.hops).toHaveLength(found.length!);
          path.hops.forEach((hop, i) => {
            const link = byId.get(hop.id)!;
            expect(new Set([link.source, link.target])).toEqual(new Set([path.nodes[i], path.nodes[i + 1]]));
          });
        }
        expect(new Set(found.paths.map((p) => p.hops.map((h) => h.id).join())).size).toBe(found.paths.length);
      }
    }
  });

  it('returns every shortest path up to the limit', async () => {
    // Two ways through the middle, each doubled by a parallel link: four shortest paths.
    const hops = [
      { id: 'a1', source: 's', target: 'a' }, { id: 'a2', source: 's', target: 'a' }, { id: 'at', source: 'a', target: 't' },
      { id: 'b1', source: 's', target: 'b' }, { id: 'b2', source: 'b', target: 't' }, { id: 'b3', source: 'b', target: 't' },
      { id: 'long1', source: 's', target: 'x' }, { id: 'long2', source: 'x', target: 'y' }, { id: 'long3', source: 'y', target: 't' },
    ];
    const all = await shortestPaths(memoryStep(hops), 's', 't', { maxLength: 5, maxPaths: 10, budget: 100 });
    expect(all.length).toBe(2);
    expect(all.paths.map((p) => p.hops.map((h) => h.id).join('-')).sort()).toEqual(['a1-at', 'a2-at', 'b1-b2', 'b1-b3']);
    expect((await shortestPaths(memoryStep(hops), 's', 't', { maxLength: 5, maxPaths: 3, budget: 100 })).paths).toHaveLength(3);
  });

  it('says truncated, not "no path", when the budget runs out first', async () => {
    const line = Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, source: `v${i}`, target: `v${i + 1}` }));
    const star = Array.from({ length: 50 }, (_, i) => ({ id: `x${i}`, source: 'v0', target: `spoke${i}` }));
    const found = await shortestPaths(memoryStep([...line, ...star]), 'v0', 'v10', { maxLength: 10, maxPaths: 1, budget: 20 });
    expect([found.length, found.truncated]).toEqual([null, true]);
    const enough = await shortestPaths(memoryStep([...line, ...star]), 'v0', 'v10', { maxLength: 10, maxPaths: 1, budget: 200 });
    expect([enough.length, enough.truncated]).toEqual([10, false]);
  });

  it('grows the smaller side first, so a hub at one end is not expanded needlessly', async () => {
    const hub = Array.from({ length: 500 }, (_, i) => ({ id: `h${i}`, source: 'hub', target: `leaf${i}` }));
    const step = memoryStep([...hub, { id: 'bridge', source: 'leaf7', target: 'm' }, { id: 'end', source: 'm', target: 'quiet' }]);
    const found = await shortestPaths(step, 'hub', 'quiet', { maxLength: 6, maxPaths: 5, budget: 10_000 });
    expect(found.paths.map((p) => p.nodes)).toEqual([['hub', 'leaf7', 'm', 'quiet']]);
    expect(step.calls).toBe(3);
  });
});
