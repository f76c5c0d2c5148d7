import { reporterActor } from '../../platform/auth/actor.ts';
import { currentHour } from '../../platform/audit/audit-log.ts';
import { invalidField } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { createWithReceipt } from '../tips/credentials.ts';
import { activeCategories } from '../tips/queries.ts';
import { nameIn } from '../tips/service.ts';
import { COUNTED_TIERS, publicCount, SUPPRESS_BELOW } from './policy.ts';
import * as q from './queries.ts';
import type { ConductCategory, ConductStatistics, PoliceUnit, StatisticsQuery, SubmitConductInput } from './schemas.ts';

/** Complaint kinds in the resident's language ("other complaint" last), then the commendation. */
export async function conductCategories(ctx: AppContext, locale: Locale): Promise<ConductCategory[]> {
  const named = (await activeCategories(ctx.db, 'conduct')).map((r) => ({
    code: r.code,
    name: nameIn(r, locale),
    kind: r.code === 'commendation' ? ('commendation' as const) : ('complaint' as const),
  }));
  const rank = (c: ConductCategory) => (c.kind === 'commendation' ? 2 : c.code === 'complaint_other' ? 1 : 0);
  return named.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, locale));
}

/** The police units feedback can be about (public: the same units the public map shows). */
export async function policeUnits(ctx: AppContext): Promise<PoliceUnit[]> {
  return q.policeUnits(ctx.db);
}

/**
 * Records police-conduct feedback, anonymously like a tip (nothing about the sender, times to
 * the hour), and routes it in the same transaction to an oversight body: the routing excludes
 * the unit concerned and the database refuses to make it responsible, so neither a rule nor a
 * mistake sends the feedback there. Audit and event name only the responsible organisation.
 */
export async function submitConduct(ctx: AppContext, locale: Locale, input: SubmitConductInput): Promise<{ receipt: string; passphrase: string }> {
  const actor = reporterActor(locale);
  const [category, unit] = await Promise.all([q.activeConductCategory(ctx.db, input.category), q.policeUnit(ctx.db, input.unitId)]);
  if (!category) throw invalidField('category', 'unknown_category');
  if (!unit) throw invalidField('unitId', 'conduct.unknown_unit');
  return createWithReceipt(ctx, actor, 'conduct', input, {
    insert: (trx, stored) =>
      q.insertConduct(trx, {
        receipt_key: stored.receiptKey,
        passphrase_hash: stored.passphraseHash,
        category: input.category,
        concerned_org_id: unit.id,
        consent_tier: input.consent,
        body: input.body,
        location_text: input.locationText ?? null,
        occurred_text: input.occurredText ?? null,
        received_hour: currentHour(),
      }),
    // Not the unit concerned: the entry is filed under the responsible organisation only.
    audit: { category: input.category, consent: input.consent },
  });
}

const monthStart = (month: string) => `${month}-01T00:00:00Z`;
const monthOf = (date: Date) => date.toISOString().slice(0, 7);
const addMonths = (month: string, n: number) => {
  const d = new Date(monthStart(month));
  d.setUTCMonth(d.getUTCMonth() + n);
  return monthOf(d);
};

/**
 * Public counts of complaints and commendations per police unit and complete month, 1 to 4
 * shown as "<5". The month in progress is never published: a count rising the day after an
 * encounter would tell the unit who complained.
 */
export async function conductStatistics(ctx: AppContext, query: StatisticsQuery, now = new Date()): Promise<ConductStatistics> {
  const lastComplete = addMonths(monthOf(now), -1);
  const to = query.to && query.to < lastComplete ? query.to : lastComplete;
  const from = query.from ?? addMonths(to, -11);
  if (from > to) throw invalidField('from', 'conduct.month_range');
  const rows = await q.monthlyCounts(ctx.db, { from: monthStart(from), to: monthStart(addMonths(to, 1)), unitId: query.unitId }, COUNTED_TIERS);
  return {
    from,
    to,
    suppressedBelow: SUPPRESS_BELOW,
    items: rows.map((r) => ({ unitId: r.unit_id, unitName: r.unit_name, month: r.month, complaints: publicCount(r.complaints), commendations: publicCount(r.commendations) })),
  };
}
