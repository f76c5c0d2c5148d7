import { hash, verify } from '@node-rs/argon2';
import { reporterActor } from '../../platform/auth/actor.ts';
import { currentHour, journal } from '../../platform/audit/audit-log.ts';
import { ARGON2_PARAMS } from '../../platform/auth/passwords.ts';
import { platformSecret } from '../../platform/auth/secrets.ts';
import { AppError, invalidField } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { reporterAttachments } from '../attachments/reporter-attachments.ts';
import { assignRoute } from '../routing/service.ts';
import * as q from './queries.ts';
import { normalisePassphrase, normaliseReceipt, receiptAndPassphrase, receiptKey } from './receipts.ts';
import type { AccessTipInput, SubmitTipInput, TipConversation } from './schemas.ts';

const SECRET = 'tip-receipts';
const GENERATED = /^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/i;
// Verified against when no tip has the receipt, so both failures take the same time.
const DECOY = hash('decoy passphrase of no tip', ARGON2_PARAMS);

/** Generated passphrases are matched without regard to case; chosen ones exactly. */
const canonical = (passphrase: string) => (GENERATED.test(passphrase.trim()) ? normalisePassphrase(passphrase) : passphrase);

function assertStrongPassphrase(passphrase: string): void {
  if (new Set(passphrase).size < 5) throw invalidField('passphrase', 'weak_passphrase', { minimum: 12 });
}

/**
 * Records a confidential tip. Nothing about the sender is stored: no address, agent, cookie
 * or account (even a signed-in staff member submits as an anonymous resident), and times
 * only to the hour. Returns the receipt and passphrase, shown once.
 */
export async function submitTip(ctx: AppContext, locale: Locale, input: SubmitTipInput): Promise<{ receipt: string; passphrase: string }> {
  const actor = reporterActor(locale);
  if (!(await q.activeTipCategory(ctx.db, input.category))) throw invalidField('category', 'unknown_category');
  if (input.passphrase) assertStrongPassphrase(input.passphrase);
  const secret = await platformSecret(ctx.db, SECRET);
  for (let attempt = 0; attempt < 3; attempt++) {
    const generated = receiptAndPassphrase(secret, input.idempotencyKey);
    const passphrase = input.passphrase ?? generated.passphrase;
    const key = receiptKey(secret, generated.receipt);
    const passphraseHash = await hash(canonical(passphrase), ARGON2_PARAMS);
    const created = await ctx.db.transaction().execute(async (trx) => {
      const row = await q.insertTip(trx, {
        receipt_key: key,
        passphrase_hash: passphraseHash,
        category: input.category,
        body: input.body,
        location: input.location ?? null,
        location_text: input.locationText ?? null,
        received_hour: currentHour(),
      });
      if (!row) return null;
      const route = await assignRoute(trx, row.id);
      const orgId = route.responsible?.orgId ?? null;
      await journal(trx, actor, {
        audit: [{ action: 'create', recordType: 'report', recordId: row.id, orgId, diff: { channel: 'tip', category: input.category, responsibleOrgId: orgId } }],
        events: [{ type: 'report.received', recordType: 'report', recordId: row.id, orgIds: orgId ? [orgId] : [] }],
      });
      return row;
    });
    if (created) return { receipt: generated.receipt, passphrase };
    // The receipt exists: the same submission sent again (same idempotency key), or, without
    // a key, a chance collision of random receipts (try new ones).
    if (input.idempotencyKey) {
      const existing = await q.findTipByReceiptKey(ctx.db, key);
      if (existing?.passphrase_hash && (await verify(existing.passphrase_hash, canonical(passphrase)).catch(() => false))) {
        return { receipt: generated.receipt, passphrase };
      }
      throw invalidField('idempotencyKey', 'invalid');
    }
  }
  throw new AppError('UNAVAILABLE');
}

/** The tip categories residents can choose, named in their language ("other" last). */
export async function tipCategories(ctx: AppContext, locale: Locale): Promise<{ code: string; name: string }[]> {
  const rows = await q.activeCategories(ctx.db, 'tip');
  const named = rows.map((r) => ({ code: r.code, name: locale === 'en' ? r.name_en : locale === 'pt' ? r.name_pt : r.name_es }));
  return [...named.filter((c) => c.code !== 'other').sort((a, b) => a.name.localeCompare(b.name, locale)), ...named.filter((c) => c.code === 'other')];
}

/** The tip a receipt and passphrase open; the same INVALID_RECEIPT, in the same time, for any mismatch. */
export async function openTip(ctx: AppContext, credentials: { receipt: string; passphrase: string }) {
  const secret = await platformSecret(ctx.db, SECRET);
  const receipt = normaliseReceipt(credentials.receipt);
  const tip = /^[0-9]{16}$/.test(receipt) ? await q.findTipByReceiptKey(ctx.db, receiptKey(secret, receipt)) : undefined;
  const ok = await verify(tip?.passphrase_hash ?? (await DECOY), canonical(credentials.passphrase)).catch(() => false);
  if (!tip || !ok) throw new AppError('INVALID_RECEIPT');
  return tip;
}

/** Reads a tip's status and conversation with its receipt and passphrase, optionally adding a message. */
export async function accessTip(ctx: AppContext, locale: Locale, input: AccessTipInput): Promise<TipConversation> {
  const actor = reporterActor(locale);
  const tip = await openTip(ctx, input);
  if (input.message) {
    const message = input.message;
    await ctx.db.transaction().execute(async (trx) => {
      await q.insertReporterMessage(trx, tip.id, message, currentHour());
      await journal(trx, actor, {
        audit: [{ action: 'report.message', recordType: 'report', recordId: tip.id, orgId: null, diff: { from: 'reporter' } }],
        events: [{ type: 'report.message', recordType: 'report', recordId: tip.id }],
      });
    });
  }
  const messages = await q.messagesOf(ctx.db, tip.id);
  return {
    status: tip.status,
    category: tip.category,
    receivedHour: tip.received_hour.toISOString(),
    messages: messages.map((m) => ({ from: m.author, body: m.body, hour: m.sent_hour.toISOString() })),
    attachments: await reporterAttachments(ctx.db, tip.id),
  };
}
