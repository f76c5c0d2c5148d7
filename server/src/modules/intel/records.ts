import type { Distribution } from '../../platform/access/distribution.ts';
import { distributionOf } from '../../platform/access/distribution.ts';
import type { Tlp } from '../../platform/db/schema.ts';

export interface RecordRow {
  id: string;
  owner_org_id: string;
  created_by: string;
  tlp: Tlp;
  sharing_group_ids: string[];
  recipient_user_ids: string[];
  created_at: Date;
  updated_at: Date;
}

/** The fields every intelligence record shares, as the API shows them. */
export const recordFields = (row: RecordRow) => ({
  id: row.id,
  ownerOrgId: row.owner_org_id,
  createdBy: row.created_by,
  tlp: row.tlp,
  ...distributionOf(row),
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Distribution given with a new record. */
export const distributionInput = (input: { sharingGroupIds: string[]; recipientUserIds: string[] }): Distribution => ({
  sharingGroupIds: input.sharingGroupIds,
  recipientUserIds: input.recipientUserIds,
});

/**
 * Distribution after an edit: lists given replace the old ones; a change of marking drops
 * what no longer applies (groups only for AMBER, recipients only for RED).
 */
export function distributionAfter(before: Distribution, tlp: Tlp, patch: { sharingGroupIds?: string[] | undefined; recipientUserIds?: string[] | undefined }): Distribution {
  return {
    sharingGroupIds: patch.sharingGroupIds ?? (tlp === 'AMBER' ? before.sharingGroupIds : []),
    recipientUserIds: patch.recipientUserIds ?? (tlp === 'RED' ? before.recipientUserIds : []),
  };
}
