import { reporterActor } from '../../platform/auth/actor.ts';
import { currentHour, journal } from '../../platform/audit/audit-log.ts';
import { invalidField } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { reporterAttachments } from '../attachments/reporter-attachments.ts';
import { createWithReceipt, openWithReceipt, type PrivateChannel } from './credentials.ts';
import * as q from './queries.ts';
import type { AccessTipInput, SubmitTipInput, TipConversation } from './schemas.ts';

/**
 * Records a confidential tip. Nothing about the sender is stored: no address, agent, cookie
 * or account (even a signed-in staff member submits as an anonymous resident), and times
 * only to the hour. Returns the receipt and passphrase, shown once.
 */
export async function submitTip(ctx: AppContext, locale: Locale, input: SubmitTipInput): Promise<{ receipt: string; passphrase: string }> {
  const actor = reporterActor(locale);
  if (!(await q.activeTipCategory(ctx.db, input.category))) throw invalidField('category', 'unknown_category');
  return createWithReceipt(ctx, actor, 'tip', input, {
    insert: (trx, stored) =>
      q.insertTip(trx, {
        receipt_key: stored.receiptKey,
        passphrase_hash: stored.passphraseHash,
        category: input.category,
        body: input.body,
        location: input.location ?? null,
        location_text: input.locationText ?? null,
        received_hour: currentHour(),
      }),
    audit: { category: input.category },
  });
}

/** A category's name in the resident's language. */
export const nameIn = (row: { name_es: string; name_en: string; name_pt: string }, locale: Locale) =>
  locale === 'en' ? row.name_en : locale === 'pt' ? row.name_pt : row.name_es;

/** The tip categories residents can choose, named in their language ("other" last). */
export async function tipCategories(ctx: AppContext, locale: Locale): Promise<{ code: string; name: string }[]> {
  const named = (await q.activeCategories(ctx.db, 'tip')).map((r) => ({ code: r.code, name: nameIn(r, locale) }));
  return [...named.filter((c) => c.code !== 'other').sort((a, b) => a.name.localeCompare(b.name, locale)), ...named.filter((c) => c.code === 'other')];
}

/** The tip (or conduct feedback) a receipt and passphrase open; the same INVALID_RECEIPT, in the same time, for any mismatch. */
export const openTip = (ctx: AppContext, credentials: { receipt: string; passphrase: string }) => openWithReceipt(ctx, credentials.receipt, credentials.passphrase);

/**
 * Reads a tip's (or police-conduct feedback's) status and conversation with its receipt and
 * passphrase, optionally adding a message.
 */
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
    channel: tip.channel as PrivateChannel,
    status: tip.status,
    category: tip.category,
    receivedHour: tip.received_hour.toISOString(),
    messages: messages.map((m) => ({ from: m.author, body: m.body, hour: m.sent_hour.toISOString() })),
    attachments: await reporterAttachments(ctx.db, tip.id),
  };
}
