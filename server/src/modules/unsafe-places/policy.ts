import type { ClosureReason, ReportStatus } from '../../platform/db/schema.ts';

/**
 * What of an unsafe-place report the public sees. Category, status, hours and a rounded
 * location are public from the start. The reporter's own words (description and address)
 * may name or point at people, so they are published only once a coordinator has looked at
 * the report, and never when it was closed as unfounded.
 */
export function textIsPublic(status: ReportStatus, closureReason: ClosureReason | null): boolean {
  if (status === 'received') return false;
  return !(status === 'closed' && closureReason === 'unfounded');
}

/**
 * The responsible organisation is named once a coordinator has forwarded the report to it
 * (or it acted on it), not as soon as routing rules picked it: naming it on arrival would let
 * anyone map the routing rules, which only intake coordinators may read.
 */
export function agencyIsPublic(status: ReportStatus, closureReason: ClosureReason | null): boolean {
  return status === 'forwarded' || status === 'in_action' || (status === 'closed' && closureReason === 'actioned');
}
