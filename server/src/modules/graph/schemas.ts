import { z } from 'zod';
import { INTEL_ENTITY_TYPES, INTEL_LINK_TYPES, TLP_LEVELS } from '../../platform/db/schema.ts';

/** Bounds of a traversal: what one request may ask of the database, whoever asks. */
export const GRAPH_LIMITS = {
  maxDepth: 4,
  maxPathLength: 8,
  maxPaths: 20,
  maxNodes: 5000,
  maxEdges: 20_000,
  maxStartEntities: 50,
} as const;

const Instant = z.iso.datetime({ offset: true });

/** A comma-separated list in the query string (deep links stay short and readable). */
const commaList = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
  z
    .string()
    .transform((s) => [...new Set(s.split(',').map((v) => v.trim()).filter(Boolean))])
    .pipe(z.array(item).min(1).max(max));

const GraphFilterShape = {
  entityTypes: commaList(z.enum(INTEL_ENTITY_TYPES), INTEL_ENTITY_TYPES.length)
    .optional()
    .describe('Comma-separated entity types to traverse and show (all when absent); start entities are always shown'),
  linkTypes: commaList(z.enum(INTEL_LINK_TYPES), INTEL_LINK_TYPES.length).optional().describe('Comma-separated link types to follow (all when absent)'),
  since: Instant.optional().describe('Only links valid at some time at or after this instant (links without an end of validity always are)'),
  until: Instant.optional().describe('Only links valid at some time at or before this instant (links without a start of validity always are)'),
};

export interface GraphFilter {
  entityTypes: (typeof INTEL_ENTITY_TYPES)[number][] | null;
  linkTypes: (typeof INTEL_LINK_TYPES)[number][] | null;
  since: string | null;
  until: string | null;
}

export const NeighbourhoodQuery = z.object({
  entityIds: commaList(z.uuid(), GRAPH_LIMITS.maxStartEntities).describe('Comma-separated ids of the entities to start from'),
  depth: z.coerce.number().int().min(1).max(GRAPH_LIMITS.maxDepth).default(2).describe('How many links away from the start entities'),
  maxNodes: z.coerce.number().int().min(1).max(GRAPH_LIMITS.maxNodes).default(500).describe('At most this many entities; then `truncated` is true'),
  maxEdges: z.coerce.number().int().min(1).max(GRAPH_LIMITS.maxEdges).optional().describe('At most this many links (default four per entity allowed)'),
  ...GraphFilterShape,
});
export type NeighbourhoodQuery = z.infer<typeof NeighbourhoodQuery>;

export const PathsQuery = z.object({
  from: z.uuid().describe('Entity at one end'),
  to: z.uuid().describe('Entity at the other end'),
  maxLength: z.coerce.number().int().min(1).max(GRAPH_LIMITS.maxPathLength).default(6).describe('Longest path searched, in links'),
  limit: z.coerce.number().int().min(1).max(GRAPH_LIMITS.maxPaths).default(5).describe('At most this many shortest paths'),
  ...GraphFilterShape,
});
export type PathsQuery = z.infer<typeof PathsQuery>;

export const GraphNode = z
  .object({
    id: z.uuid().describe('The entity (the survivor, when duplicates were merged into it)'),
    type: z.enum(INTEL_ENTITY_TYPES),
    label: z.string(),
    tlp: z.enum(TLP_LEVELS),
    ownerOrgId: z.uuid(),
    firstSeen: z.iso.datetime().nullable(),
    lastSeen: z.iso.datetime().nullable(),
    depth: z.number().int().describe('Links from the nearest start entity (0 for a start entity)'),
    mergedIds: z.array(z.uuid()).describe('Entities the reader may see that are merged into this one; their links are drawn on it'),
  })
  .meta({ id: 'GraphNode', description: 'An entity in a graph result.' });
export type GraphNode = z.infer<typeof GraphNode>;

export const GraphEdge = z
  .object({
    id: z.uuid().describe('The link'),
    type: z.enum(INTEL_LINK_TYPES),
    source: z.uuid().describe('Node the link goes from (its source entity, or the survivor it is merged into)'),
    target: z.uuid().describe('Node the link goes to'),
    tlp: z.enum(TLP_LEVELS),
    ownerOrgId: z.uuid(),
    validFrom: z.iso.datetime().nullable(),
    validTo: z.iso.datetime().nullable(),
  })
  .meta({ id: 'GraphEdge', description: 'A link in a graph result; its ends are nodes of the same result.' });
export type GraphEdge = z.infer<typeof GraphEdge>;

export const Neighbourhood = z
  .object({
    nodes: z.array(GraphNode),
    edges: z.array(GraphEdge),
    truncated: z.boolean().describe('True when maxNodes or maxEdges cut the result short: narrow the filters or the depth'),
  })
  .meta({ id: 'Neighbourhood', description: 'The entities and links within a depth of the start entities that the reader may see.' });
export type Neighbourhood = z.infer<typeof Neighbourhood>;

export const GraphPath = z.object({
  nodeIds: z.array(z.uuid()).describe('From `from` to `to`'),
  edgeIds: z.array(z.uuid()).describe('The links between consecutive nodes'),
});
export type GraphPath = z.infer<typeof GraphPath>;

export const Paths = z
  .object({
    length: z.number().int().nullable().describe('Links in each shortest path; null when none was found'),
    paths: z.array(GraphPath),
    nodes: z.array(GraphNode),
    edges: z.array(GraphEdge),
    truncated: z.boolean().describe('True when the search stopped at its budget before it could finish (a longer search may find more)'),
  })
  .meta({ id: 'GraphPaths', description: 'Shortest paths between two entities through entities and links the reader may see.' });
export type Paths = z.infer<typeof Paths>;
