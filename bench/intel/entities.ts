import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { IntelEntityType, Tlp } from '../../server/src/platform/db/schema.ts';
import { ENTITY_ATTRIBUTES } from '../../server/src/modules/intel/attributes.ts';
import { entityLabel } from '../../server/src/modules/intel/labels.ts';
import { indexEntity } from '../../server/src/modules/correlation/entity-identifiers.ts';
import { INTEL_ENTITY } from '../../server/src/modules/intel/visibility.ts';
import { prng } from '../common/prng.ts';
import { identifierOf, type OccurrencePlan } from './plan.ts';
import type { RawIdentifier } from './values.ts';
import type { World } from './world.ts';

/** COPY text format files of the rows createEntity writes: the entity, its distribution and its index values. */
export interface EntityFiles {
  entities: string;
  identifiers: string;
  sharing: string;
  recipients: string;
}

/** A generated entity as the API would have been asked to create it, to compare with what createEntity writes. */
export interface EntitySample {
  id: string;
  owner: number;
  body: Record<string, unknown>;
}

export interface EntityCounts {
  entities: number;
  identifiers: number;
  sharing: number;
  recipients: number;
  byTlp: Record<string, number>;
  samples: EntitySample[];
}

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

/** Buffered lines to a file, waiting for the disk when the buffer is full. */
class Lines {
  #parts: string[] = [];
  #size = 0;
  readonly #out: WriteStream;
  constructor(path: string) {
    this.#out = createWriteStream(path);
  }
  async add(fields: string[]): Promise<void> {
    const line = `${fields.join('\t')}\n`;
    this.#parts.push(line);
    this.#size += line.length;
    if (this.#size > 1 << 20) await this.#flush();
  }
  async #flush(): Promise<void> {
    const chunk = this.#parts.join('');
    this.#parts = [];
    this.#size = 0;
    if (!this.#out.write(chunk)) await once(this.#out, 'drain');
  }
  async close(): Promise<void> {
    await this.#flush();
    this.#out.end();
    await once(this.#out, 'finish');
  }
}

/** A v4-shaped uuid from the seeded generator, so reruns make the same ids. */
export function seededUuid(random: () => number): string {
  const hex = () => Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0');
  const [a, b, c, d] = [hex(), hex(), hex(), hex()];
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${'89ab'[parseInt(c[0]!, 16) & 3]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

const SAMPLES = 30;
// How many identifiers an entity holds: a phone or a plate alone, or a person with several.
const SIZES: [number, number][] = [[1, 0.4], [2, 0.25], [3, 0.15], [4, 0.1], [5, 0.05], [6, 0.03], [8, 0.02]];
function entitySize(u: number): number {
  for (const [size, share] of SIZES) if ((u -= share) < 0) return size;
  return SIZES.at(-1)![0];
}

const NAMES = 'Ana María Luis José Carlos Lucía Pedro Sofía Diego Valentina Juan Camila Miguel Paula Andrés Laura Jorge Elena Pablo Daniela'.split(' ');
const SURNAMES = 'García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Díaz Silva Rojas Torres Ramírez Flores Vargas Castro Romero Herrera'.split(' ');

/** The entity's type and attributes as written, from the first identifier it holds. */
function written(first: RawIdentifier, random: () => number): { type: IntelEntityType; attributes: Record<string, unknown>; listedFirst: boolean } {
  switch (first.kind) {
    case 'phone':
      return { type: 'phone', attributes: { number: first.raw }, listedFirst: false };
    case 'plate':
      return { type: 'vehicle', attributes: { plate: first.raw, plateCountry: first.country }, listedFirst: false };
    case 'iban':
      return { type: 'financial_account', attributes: { accountKind: 'bank', iban: first.raw }, listedFirst: false };
    case 'crypto_wallet':
      return { type: 'financial_account', attributes: { accountKind: 'crypto_wallet', address: first.raw }, listedFirst: false };
    case 'email': {
      const name = `${NAMES[Math.floor(random() * NAMES.length)]} ${SURNAMES[Math.floor(random() * SURNAMES.length)]} ${SURNAMES[Math.floor(random() * SURNAMES.length)]}`;
      return { type: 'person', attributes: { fullName: name }, listedFirst: true };
    }
  }
}

function marking(random: () => number, world: World, owner: number, searcherId: string): { tlp: Tlp; groupId: string | null; recipientId: string | null } {
  const u = random();
  if (u < 0.05) return { tlp: 'CLEAR', groupId: null, recipientId: null };
  if (u < 0.25) return { tlp: 'GREEN', groupId: null, recipientId: null };
  if (u < 0.7) {
    const groups = world.groups.filter((g) => g.orgIndexes.includes(owner));
    const shared = groups.length > 0 && random() < 0.5 ? groups[Math.floor(random() * groups.length)]!.id : null;
    return { tlp: 'AMBER', groupId: shared, recipientId: null };
  }
  if (u < 0.9) return { tlp: 'AMBER+STRICT', groupId: null, recipientId: null };
  // RED for a named analyst of another organisation (sometimes the searcher).
  const others = [...world.analysts.filter((_, i) => i !== owner).map((a) => a.userId), searcherId];
  return { tlp: 'RED', groupId: null, recipientId: others[Math.floor(random() * others.length)]! };
}

/**
 * Entities holding the planned occurrences, written as createEntity would write them: the
 * attributes parsed by the type's schema (defaults filled in), the label from entityLabel, the
 * index values from indexEntity (the application's normalisation), the distribution rows.
 */
export async function writeEntityFiles(plan: OccurrencePlan, world: World, searcherId: string, seed: number, files: EntityFiles): Promise<EntityCounts> {
  const random = prng(seed ^ 0x5eed);
  const out = { entities: new Lines(files.entities), identifiers: new Lines(files.identifiers), sharing: new Lines(files.sharing), recipients: new Lines(files.recipients) };
  const counts: EntityCounts = { entities: 0, identifiers: 0, sharing: 0, recipients: 0, byTlp: {}, samples: [] };
  const now = Date.UTC(2026, 0, 1);
  const deferred: number[] = [];
  let next = 0;
  while (next < plan.total || deferred.length > 0) {
    const size = entitySize(random());
    const held: number[] = [];
    const seen = new Set<number>();
    const take = (v: number) => (seen.has(v) ? deferred.push(v) : (seen.add(v), held.push(v)));
    // A value met twice by one entity goes to a later one, so every occurrence is placed once.
    for (let tries = deferred.length; tries > 0 && held.length < size; tries--) take(deferred.shift()!);
    while (held.length < size && next < plan.total) take(plan.order[next++]!);
    if (held.length === 0) break;
    const ids = held.map((v) => identifierOf(plan, v));
    const owner = random() < 0.2 ? 0 : 1 + Math.floor(random() * (world.orgs.length - 1));
    const { type, attributes: raw, listedFirst } = written(ids[0]!, random);
    const attributes = ENTITY_ATTRIBUTES[type].parse(raw) as Record<string, unknown>;
    const listed = (listedFirst ? ids : ids.slice(1)).map((i) => ({ kind: i.kind, value: i.raw, ...(i.country ? { country: i.country } : {}) }));
    const index = indexEntity(type, attributes as never, listed, world.orgs[owner]!.country);
    if (index.issues.length > 0 || index.values.length !== held.length) throw new Error(`generated identifiers not indexed as planned: ${JSON.stringify({ ids, issues: index.issues })}`);
    const id = seededUuid(random);
    const m = marking(random, world, owner, searcherId);
    const created = new Date(now - Math.floor(random() * 3 * 365 * 86_400_000)).toISOString();
    await out.entities.add([
      id, world.orgs[owner]!.id, world.analysts[owner]!.userId, m.tlp, type, esc(entityLabel(type, attributes as never, index.primaryDisplay)),
      esc(JSON.stringify(attributes)), esc(JSON.stringify(listed)), created, created,
    ]);
    for (const v of index.values) await out.identifiers.add([v.kind, esc(v.value), id]);
    if (m.groupId) await out.sharing.add([INTEL_ENTITY, id, m.groupId]);
    if (m.recipientId) await out.recipients.add([INTEL_ENTITY, id, m.recipientId]);
    if (counts.samples.length < SAMPLES && (counts.entities % 97 === 0 || held.length > 2)) {
      counts.samples.push({ id, owner, body: { type, attributes: raw, identifiers: listed, tlp: m.tlp, sharingGroupIds: m.groupId ? [m.groupId] : [], recipientUserIds: m.recipientId ? [m.recipientId] : [] } });
    }
    counts.entities += 1;
    counts.identifiers += index.values.length;
    counts.sharing += m.groupId ? 1 : 0;
    counts.recipients += m.recipientId ? 1 : 0;
    counts.byTlp[m.tlp] = (counts.byTlp[m.tlp] ?? 0) + 1;
  }
  await Promise.all(Object.values(out).map((l) => l.close()));
  return counts;
}

export const ENTITY_COLUMNS = 'id, owner_org_id, created_by, tlp, type, label, attributes, identifiers, created_at, updated_at';
