import { hash, verify } from '@node-rs/argon2';
import type { Actor } from '../../platform/auth/actor.ts';
import { journal, type Executor } from '../../platform/audit/audit-log.ts';
import { ARGON2_PARAMS } from '../../platform/auth/passwords.ts';
import { platformSecret } from '../../platform/auth/secrets.ts';
import { AppError, invalidField } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { ReportChannel } from '../../platform/db/schema.ts';
import { assignRoute } from '../routing/service.ts';
import * as q from './queries.ts';
import { normalisePassphrase, normaliseReceipt, receiptAndPassphrase, receiptKey } from './receipts.ts';

/**
 * Receipt and passphrase of the channels a resident follows up privately (tips and
 * police-conduct feedback): one receipt space, so one follow-up endpoint serves both.
 */
export type PrivateChannel = Extract<ReportChannel, 'tip' | 'conduct'>;
export const PRIVATE_CHANNELS: readonly PrivateChannel[] = ['tip', 'conduct'];

const SECRET = 'tip-receipts';
const GENERATED = /^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/i;

// Verified against when no report has the receipt, so both failures take the same time.
const DECOY = hash('decoy passphrase of no tip', ARGON2_PARAMS);

/** Generated passphrases are matched without regard to case; chosen ones exactly. */
const canonical = (passphrase: string) => (GENERATED.test(passphrase.trim()) ? normalisePassphrase(passphrase) : passphrase);

function assertStrongPassphrase(passphrase: string): void {
  if (new Set(passphrase).size < 5) throw invalidField('passphrase', 'weak_passphrase', { minimum: 12 });
}

// Tips keep the derivation they always had; other channels get their own, so one idempotency
// key sent to two channels can never return the other channel's receipt.
const idempotencyScope = (channel: PrivateChannel, key: string | undefined) => (key && channel !== 'tip' ? `${channel}\n${key}` : key);

/**
 * Receives a report the resident will reach with a receipt and passphrase. In one
 * transaction, `insert` stores it under the keyed receipt and argon2id hash (returning
 * nothing when that receipt already exists), then it is routed and journalled: the audit
 * entry and the `report.received` event name only the responsible organisation. An existing
 * receipt is the same submission sent again with its idempotency key (answered with the same
 * credentials) or, without a key, a chance collision (new credentials are drawn).
 */
export async function createWithReceipt(
  ctx: AppContext,
  actor: Actor,
  channel: PrivateChannel,
  input: { passphrase?: string | undefined; idempotencyKey?: string | undefined },
  report: {
    insert: (trx: Executor, stored: { receiptKey: string; passphraseHash: string }) => Promise<{ id: string } | undefined>;
    /** What the audit entry records besides the channel and the responsible organisation (never content). */
    audit: Record<string, unknown>;
  },
): Promise<{ receipt: string; passphrase: string }> {
  if (input.passphrase) assertStrongPassphrase(input.passphrase);
  const secret = await platformSecret(ctx.db, SECRET);
  for (let attempt = 0; attempt < 3; attempt++) {
    const generated = receiptAndPassphrase(secret, idempotencyScope(channel, input.idempotencyKey));
    const passphrase = input.passphrase ?? generated.passphrase;
    const key = receiptKey(secret, generated.receipt);
    const passphraseHash = await hash(canonical(passphrase), ARGON2_PARAMS);
    const created = await ctx.db.transaction().execute(async (trx) => {
      const row = await report.insert(trx, { receiptKey: key, passphraseHash });
      if (!row) return false;
      const route = await assignRoute(trx, row.id);
      const orgId = route.responsible?.orgId ?? null;
      await journal(trx, actor, {
        audit: [{ action: 'create', recordType: 'report', recordId: row.id, orgId, diff: { channel, ...report.audit, responsibleOrgId: orgId } }],
        events: [{ type: 'report.received', recordType: 'report', recordId: row.id, orgIds: orgId ? [orgId] : [] }],
      });
      return true;
    });
    if (created) return { receipt: generated.receipt, passphrase };
    if (input.idempotencyKey) {
      const existing = await q.findReportByReceiptKey(ctx.db, key, [channel]);
      if (existing?.passphrase_hash && (await verify(existing.passphrase_hash, canonical(passphrase)).catch(() => false))) {
        return { receipt: generated.receipt, passphrase };
      }
      throw invalidField('idempotencyKey', 'invalid');
    }
  }
  throw new AppError('UNAVAILABLE');
}

/** The report a receipt and passphrase open, or INVALID_RECEIPT (the same for an unknown receipt and a wrong passphrase). */
export async function openWithReceipt(ctx: AppContext, receipt: string, passphrase: string) {
  const secret = await platformSecret(ctx.db, SECRET);
  const digits = normaliseReceipt(receipt);
  const report = /^[0-9]{16}$/.test(digits) ? await q.findReportByReceiptKey(ctx.db, receiptKey(secret, digits), PRIVATE_CHANNELS) : undefined;
  const ok = await verify(report?.passphrase_hash ?? (await DECOY), canonical(passphrase)).catch(() => false);
  if (!report || !ok) throw new AppError('INVALID_RECEIPT');
  return report;
}
