import type { Actor } from '../../platform/auth/actor.ts';
import { assertCanWriteFor } from '../../platform/access/policy.ts';

/** Incidents are recorded by the writer roles of the owning organisation, like any TLP record. */
export const assertCanRecordIncident = (actor: Actor, ownerOrgId: string): void => assertCanWriteFor(actor, ownerOrgId);
