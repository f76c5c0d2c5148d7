import { randomUUID } from 'node:crypto';
import type { Config } from '../../server/src/config.ts';
import { startAuditChainer } from '../../server/src/platform/audit/chainer.ts';
import type { Engine } from '../../server/src/platform/db/engine.ts';
import { CreateNoteBody } from '../../server/src/modules/notes/schemas.ts';
import { createNote, listNotes } from '../../server/src/modules/notes/service.ts';
import { loadLoop, type Measurement, type Scenario } from './measure.ts';
import { WRITE_BODY, tokenActor } from './raw-sql.ts';
import { serviceContext } from './seed.ts';

/**
 * The same work as a request minus HTTP: the token lookup `authenticate` does, then the
 * notes service, in this process with the audit chainer running as in the server.
 */
export async function serviceLoop(engineName: Measurement['engine'], engine: Engine, config: Config, token: string, scenario: Scenario): Promise<Measurement> {
  const ctx = serviceContext(engine, config);
  const input = CreateNoteBody.parse(WRITE_BODY);
  const stopChainer = startAuditChainer(engine.db, () => {});
  try {
    return await loadLoop(engineName, scenario, 'service layer, in-process (no HTTP)', async () => {
      const actor = await tokenActor(engine.db, token, randomUUID());
      if (scenario === 'read') await listNotes(ctx, actor, {}, { limit: 20 });
      else await createNote(ctx, actor, input);
    });
  } finally {
    await stopChainer();
  }
}
