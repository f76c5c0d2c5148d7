import { createHmac } from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.ts';
import { reporterActor } from '../../platform/auth/actor.ts';
import { currentHour, journal } from '../../platform/audit/audit-log.ts';
import { platformSecret } from '../../platform/auth/secrets.ts';
import { publicCount, MIN_PUBLIC_COUNT, roundLocation } from '../../platform/anonymity/disclosure.ts';
import { AppError, invalidField, notFound } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { assignRoute } from '../routing/service.ts';
import { agencyIsPublic, textIsPublic } from './policy.ts';
import * as q from './queries.ts';
import { PUBLIC_NUMBER, type SubmitUnsafePlaceInput, type UnsafePlace, type UnsafePlaceCategory, type UnsafePlaceSummary } from './schemas.ts';

const SECRET = 'unsafe-place-idempotency';

const named = (row: { name_es: string; name_en: string; name_pt: string }, locale: Locale) =>
  locale === 'en' ? row.name_en : locale === 'pt' ? row.name_pt : row.name_es;

/** The unsafe-place categories, in the caller's language, by name. */
export async function unsafePlaceCategories(ctx: AppContext, locale: Locale): Promise<UnsafePlaceCategory[]> {
  const rows = await q.activeCategories(ctx.db);
  return rows
    .map((r) => {
      const name = named(r, locale);
      const description = (locale === 'en' ? r.description_en : locale === 'pt' ? r.description_pt : r.description_es) ?? name;
      return { code: r.code, name, description };
    })
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

/**
 * Records a public report about an unsafe place. Like a tip, nothing about the sender is
 * kept (no address, agent, cookie, account or time finer than the hour), and it is routed
 * in the same transaction. A retry with the same idempotency key returns the same number.
 */
export async function submitUnsafePlace(ctx: AppContext, locale: Locale, input: SubmitUnsafePlaceInput): Promise<{ number: string }> {
  const actor = reporterActor(locale);
  if (!input.location && !input.locationText) throw invalidField('location', 'location_required');
  const categories = await q.activeCategories(ctx.db);
  if (!categories.some((c) => c.code === input.category)) throw invalidField('category', 'unknown_category');
  const receiptKey = input.idempotencyKey
    ? createHmac('sha256', await platformSecret(ctx.db, SECRET)).update(`unsafe-place\n${input.idempotencyKey}`).digest('hex')
    : null;
  const created = await ctx.db.transaction().execute(async (trx) => {
    const row = await q.insertUnsafePlace(trx, {
      receipt_key: receiptKey,
      category: input.category,
      body: input.description,
      location: input.location ?? null,
      location_text: input.locationText || null,
      hour: currentHour(),
    });
    if (!row) return null;
    const route = await assignRoute(trx, row.id);
    const orgId = route.responsible?.orgId ?? null;
    await journal(trx, actor, {
      audit: [{ action: 'create', recordType: 'report', recordId: row.id, orgId, diff: { channel: 'unsafe_place', category: input.category, responsibleOrgId: orgId } }],
      events: [{ type: 'report.received', recordType: 'report', recordId: row.id, orgIds: orgId ? [orgId] : [] }],
    });
    return row;
  });
  if (created) return { number: created.public_id };
  // Sent again after a dropped connection: the first one was saved.
  const existing = await q.publicIdByReceiptKey(ctx.db, receiptKey!);
  if (!existing) throw new AppError('UNAVAILABLE');
  return { number: existing.public_id };
}

const hourIso = (date: Date) => date.toISOString().replace('.000Z', 'Z');

function statusNote(row: q.PlaceRow, locale: Locale): string {
  if (row.status !== 'closed') return translate(`place.status.${row.status}`, locale);
  if (row.closure_reason === 'duplicate' && row.duplicate_of) return translate('place.closed.duplicate_of', locale, { number: row.duplicate_of });
  return translate(`place.closed.${row.closure_reason}`, locale);
}

function toPublic(ctx: AppContext, row: q.PlaceRow, locale: Locale): UnsafePlace {
  const text = textIsPublic(row.status, row.closure_reason);
  return {
    number: row.public_id,
    category: row.category,
    categoryName: named(row, locale),
    status: row.status,
    open: row.status !== 'closed',
    statusNote: statusNote(row, locale),
    receivedHour: hourIso(row.received_hour),
    updatedHour: hourIso(new Date(row.updated_hour)),
    location: row.lon === null || row.lat === null ? null : roundLocation({ lon: row.lon, lat: row.lat }, ctx.config.publicLocationPrecisionM),
    description: text ? row.body : null,
    address: text ? row.location_text : null,
    agency: agencyIsPublic(row.status, row.closure_reason) ? row.agency : null,
  };
}

/** Public unsafe-place reports matching the filter, newest first (public: the actor is anyone). */
export async function findUnsafePlaces(ctx: AppContext, actor: Actor, filter: q.PlaceFilter): Promise<UnsafePlace[]> {
  return (await q.publicPlaces(ctx.db, filter)).map((row) => toPublic(ctx, row, actor.locale));
}

/** One public report by its number; 404 for any other number, including those of tips. */
export async function findUnsafePlace(ctx: AppContext, actor: Actor, number: string): Promise<UnsafePlace> {
  const [place] = PUBLIC_NUMBER.test(number) ? await findUnsafePlaces(ctx, actor, { numbers: [number], limit: 1 }) : [];
  if (!place) throw notFound('report');
  return place;
}

/** Reports per category, open and closed; counts under 5 are withheld. */
export async function unsafePlaceSummary(ctx: AppContext, actor: Actor): Promise<UnsafePlaceSummary> {
  const [categories, counts] = await Promise.all([unsafePlaceCategories(ctx, actor.locale), q.countsByCategory(ctx.db)]);
  const count = (code: string, open: boolean) => counts.find((c) => c.category === code && c.open === open)?.count ?? 0;
  return {
    minimumCount: MIN_PUBLIC_COUNT,
    categories: categories.map((c) => ({ code: c.code, name: c.name, open: publicCount(count(c.code, true)), closed: publicCount(count(c.code, false)) })),
  };
}
