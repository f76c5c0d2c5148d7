/**
 * Who learns of hits and contact requests in the operations feed. Events carry ids only: the
 * holder learns that one of its records was hit (not by whom, nor which record or value); the
 * searcher alone learns of its own hit; the holder's organisation of a request for contact;
 * the requester alone of the decision.
 */
import type { Marking } from '../../platform/access/policy.ts';

/** Visible to the need-to-know members of one organisation. */
export const toOrganisation = (orgId: string): Marking => ({ tlp: 'AMBER+STRICT', ownerOrgId: orgId, createdBy: null, sharingGroupIds: [], recipientUserIds: [] });

/** Visible to one person only. */
export const toPerson = (orgId: string, userId: string): Marking => ({ tlp: 'RED', ownerOrgId: orgId, createdBy: null, sharingGroupIds: [], recipientUserIds: [userId] });
