import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNote } from '../../modules/notes/service.ts';
import { resolveClearance } from './clearance.ts';
import { mayRead, visibleByCarriedMarking, visibleTo, type Marking } from './policy.ts';
import { makePersonaWorld, MARKING_KINDS, type MarkingKind, type PersonaWorld } from '../../../test/personas.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { waitFor } from '../../../test/wait.ts';

/**
 * Three statements of the TLP rules must agree on every persona and every marking: the SQL
 * condition over a record and its distribution tables (`visibleTo`, every list and read), the
 * SQL condition over rows that carry their marking (`visibleByCarriedMarking`, the feed's
 * history) and the in-memory predicate (`mayRead`, the live stream).
 */
let t: TestPlatform;
let world: PersonaWorld;
const notes = new Map<MarkingKind, string>();
const feedRows = new Map<MarkingKind, number>();

beforeAll(async () => {
  t = await startTestPlatform();
  world = await makePersonaWorld(t.ctx);
  for (const kind of MARKING_KINDS) {
    const m = world.marking(kind);
    const note = await createNote(t.ctx, world.author.actor, { tlp: m.tlp, title: `agreement ${kind}`, body: '', sharingGroupIds: [...m.sharingGroupIds], recipientUserIds: [...m.recipientUserIds] });
    notes.set(kind, note.id);
    await t.ctx.db.transaction().execute((trx) => t.ctx.feed.publish(trx, { kind: 'note.agreement_test', record: { type: 'note', id: note.id }, marking: m }));
  }
  const ids = [...notes.values()];
  const rows = await waitFor(async () => {
    const found = await t.ctx.db.selectFrom('operations_feed').select(['record_id', 'position']).where('record_id', 'in', ids).where('position', 'is not', null).execute();
    return found.length === ids.length ? found : null;
  });
  for (const [kind, id] of notes) feedRows.set(kind, rows.find((r) => r.record_id === id)!.position!);
});
afterAll(async () => t.stop());

describe('the TLP rules in SQL and in memory', () => {
  it('agree for every persona on every marking', async () => {
    const disagreements: string[] = [];
    let visible = 0;
    let hidden = 0;
    for (const p of world.personas) {
      const bySql = new Set(
        (await t.ctx.db.selectFrom('notes as n').select('n.id').where('n.id', 'in', [...notes.values()]).where(visibleTo(p.actor, 'note', 'n')).execute()).map((r) => r.id),
      );
      const byCarried = new Set(
        (await t.ctx.db.selectFrom('operations_feed as f').select('f.position').where('f.position', 'in', [...feedRows.values()]).where(visibleByCarriedMarking(p.actor, 'f')).execute()).map((r) => r.position),
      );
      const clearance = await resolveClearance(t.ctx.db, p.actor);
      for (const kind of MARKING_KINDS) {
        const marking: Marking = world.marking(kind);
        const verdicts = [bySql.has(notes.get(kind)!), byCarried.has(feedRows.get(kind)!), mayRead(clearance, marking)];
        if (new Set(verdicts).size !== 1) disagreements.push(`${p.label} on ${kind}: visibleTo ${verdicts[0]}, carried ${verdicts[1]}, in memory ${verdicts[2]}`);
        if (verdicts[0]) visible++;
        else hidden++;
      }
    }
    expect(disagreements).toEqual([]);
    // The matrix exercises both answers, not one of them everywhere.
    expect(visible).toBeGreaterThan(30);
    expect(hidden).toBeGreaterThan(30);
  });

  it('follow the documented rules at the edges', async () => {
    const p = (label: string) => world.personas.find((x) => x.label === label)!;
    const decide = async (label: string, kind: MarkingKind) => mayRead(await resolveClearance(t.ctx.db, p(label).actor), world.marking(kind));
    expect(await decide('analyst@group', 'AMBER+group')).toBe(true);
    expect(await decide('analyst@group', 'AMBER')).toBe(false);
    expect(await decide('viewer@group', 'AMBER+group')).toBe(false);
    expect(await decide('viewer@own + analyst@group', 'AMBER+group')).toBe(true);
    expect(await decide('viewer@own + analyst@group', 'AMBER+STRICT')).toBe(false);
    expect(await decide('RED recipient (viewer@other)', 'RED')).toBe(true);
    expect(await decide('admin@own', 'RED')).toBe(false);
    expect(await decide('author (member@own)', 'RED-unnamed')).toBe(true);
    expect(await decide('analyst@own, token without read', 'GREEN')).toBe(false);
    expect(await decide('platform admin, no membership', 'GREEN')).toBe(false);
    expect(await decide('anonymous', 'CLEAR')).toBe(true);
  });
});
