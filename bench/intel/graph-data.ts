import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, IntelEntityType, IntelLinkType, Tlp } from '../../server/src/platform/db/schema.ts';
import { prng } from '../common/prng.ts';

/**
 * A generated intelligence graph for graph benchmarks: a tree of depth 3 from one start
 * entity (so a depth-3 neighbourhood holds every node), plus about two more links per node
 * to nodes close by in the tree, which gives the layout clusters to find, as real networks
 * have. Links carry validity periods spread over 2019–2025 for the timeline.
 */
export interface GeneratedGraph {
  start: string;
  entities: { id: string; type: IntelEntityType; label: string }[];
  links: { id: string; type: IntelLinkType; source: string; target: string; validFrom: Date; validTo: Date | null }[];
}

const TYPES: IntelEntityType[] = ['person', 'person', 'person', 'phone', 'vehicle', 'criminal_group', 'financial_account', 'place', 'document'];
const LINK_TYPES: IntelLinkType[] = ['associate_of', 'communicated_with', 'uses', 'owns', 'paid', 'located_at'];
const YEAR_MS = 365.25 * 24 * 3600 * 1000;
const EPOCH = Date.parse('2019-01-01T00:00:00Z');

export function generateGraph(nodes: number, seed = 7): GeneratedGraph {
  const random = prng(seed);
  const branching = Math.ceil(Math.cbrt(nodes));
  const entities = Array.from({ length: nodes }, (_, i) => ({ id: randomUUID(), type: TYPES[i % TYPES.length]!, label: `Entidad ${i}` }));
  const links: GeneratedGraph['links'] = [];
  const pairs = new Set<string>();
  const add = (a: number, b: number) => {
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (a === b || pairs.has(key)) return;
    pairs.add(key);
    const from = EPOCH + random() * 6 * YEAR_MS;
    const open = random() < 0.2;
    links.push({
      id: randomUUID(), type: LINK_TYPES[Math.floor(random() * LINK_TYPES.length)]!, source: entities[a]!.id, target: entities[b]!.id,
      validFrom: new Date(from), validTo: open ? null : new Date(from + random() * YEAR_MS),
    });
  };
  // Node i's parent: the tree fills level by level (0; 1..b; b+1..b+b²; …).
  for (let i = 1; i < nodes; i += 1) add(Math.floor((i - 1) / branching), i);
  for (let i = 1; i < nodes; i += 1) {
    for (let k = 0; k < 2; k += 1) add(i, Math.max(1, Math.min(nodes - 1, i + Math.round((random() - 0.5) * 4 * branching))));
  }
  return { start: entities[0]!.id, entities, links };
}

/** Writes the graph as records of `ownerOrgId`, in batches that stay within parameter limits. */
export async function insertGraph(db: Kysely<Database>, graph: GeneratedGraph, ownerOrgId: string, createdBy: string, tlp: Tlp = 'GREEN'): Promise<void> {
  const batch = 1000;
  for (let i = 0; i < graph.entities.length; i += batch) {
    await db.insertInto('intel_entities').values(graph.entities.slice(i, i + batch).map((e) => ({
      id: e.id, owner_org_id: ownerOrgId, created_by: createdBy, tlp, type: e.type, label: e.label, attributes: JSON.stringify({ description: e.label }), identifiers: '[]', copy_of: null,
    }))).execute();
  }
  for (let i = 0; i < graph.links.length; i += batch) {
    await db.insertInto('intel_links').values(graph.links.slice(i, i + batch).map((l) => ({
      id: l.id, owner_org_id: ownerOrgId, created_by: createdBy, tlp, type: l.type, source_id: l.source, target_id: l.target, valid_from: l.validFrom, valid_to: l.validTo, description: '', report_id: null,
    }))).execute();
  }
}
