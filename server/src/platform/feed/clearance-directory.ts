import type { Executor } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { groupsOfOrgs } from '../access/clearance.ts';
import { clearanceOf, NEED_TO_KNOW_ROLES, orgsWithRole, type Clearance } from '../access/policy.ts';

/**
 * Clearances of the actors holding streams open, built from their memberships and the sharing
 * groups of their need-to-know organisations. The groups are read once per distinct set of
 * organisations and shared by every stream with that set (a thousand analysts of twenty
 * organisations cost twenty queries), until a change of those organisations' groups drops them.
 */
export class ClearanceDirectory {
  readonly #groups = new Map<string, { orgIds: readonly string[]; groups: Promise<string[]> }>();

  constructor(private readonly db: Executor) {}

  static keyOf(actor: Actor): string {
    return orgsWithRole(actor, NEED_TO_KNOW_ROLES).sort().join(',');
  }

  async clearance(actor: Actor): Promise<Clearance> {
    const key = ClearanceDirectory.keyOf(actor);
    let entry = this.#groups.get(key);
    if (!entry) {
      const orgIds = key === '' ? [] : key.split(',');
      const groups = groupsOfOrgs(this.db, orgIds);
      entry = { orgIds, groups };
      this.#groups.set(key, entry);
      groups.catch(() => this.#groups.get(key) === entry && this.#groups.delete(key));
    }
    return clearanceOf(actor, await entry.groups);
  }

  /** Forgets the groups of every set that includes one of `orgIds` (their groups changed). */
  forgetOrgs(orgIds: readonly string[]): void {
    const changed = new Set(orgIds);
    for (const [key, entry] of this.#groups) if (entry.orgIds.some((o) => changed.has(o))) this.#groups.delete(key);
  }

  /** Keeps only the sets still in use. */
  retain(keys: ReadonlySet<string>): void {
    for (const key of this.#groups.keys()) if (!keys.has(key)) this.#groups.delete(key);
  }

  clear(): void {
    this.#groups.clear();
  }
}
