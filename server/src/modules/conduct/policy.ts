import { CONSENT_TIERS, type ConsentTier } from '../../platform/db/schema.ts';

/**
 * What each consent tier lets the oversight body do with a piece of police-conduct feedback
 * (docs/conduct-feedback.md). Whoever the tier, the unit concerned never receives it and the
 * reporter is never identified; reading it is for the oversight body only (triage/policy.ts).
 */
export const CONSENT: Record<ConsentTier, { publish: 'as_written' | 'without_names' | 'never'; investigate: boolean; count: boolean }> = {
  public: { publish: 'as_written', investigate: true, count: true },
  public_without_names: { publish: 'without_names', investigate: true, count: true },
  anonymous: { publish: 'never', investigate: true, count: true },
  statistics_only: { publish: 'never', investigate: false, count: true },
};

/** Tiers whose feedback is counted in the public statistics. */
export const COUNTED_TIERS: ConsentTier[] = CONSENT_TIERS.filter((tier) => CONSENT[tier].count);

/** Public counts below this are shown only as "<5". */
export const SUPPRESS_BELOW = 5;

export type PublicCount = number | '<5';

/** A count as published: 0 and counts of 5 or more as they are, 1 to 4 suppressed. */
export const publicCount = (n: number): PublicCount => (n > 0 && n < SUPPRESS_BELOW ? '<5' : n);
