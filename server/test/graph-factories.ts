import { expect } from 'vitest';
import type { Tlp } from '../src/platform/db/schema.ts';
import type { ZodApp } from '../src/platform/http/context.ts';
import { api, type Auth } from './factories.ts';

/** Intelligence records for graph tests, written through the API as an analyst would. */
export interface Distribution {
  sharingGroupIds?: string[];
  recipientUserIds?: string[];
}

export function graphFactories(app: () => ZodApp) {
  async function create(url: string, body: unknown, auth: Auth): Promise<{ id: string; label: string }> {
    const r = await api(app(), { method: 'POST', url, body, auth });
    expect(r.statusCode, r.body).toBe(201);
    return r.data;
  }
  return {
    person: (auth: Auth, fullName: string, tlp: Tlp = 'AMBER', dist: Distribution = {}) =>
      create('/api/v1/intel/entities', { type: 'person', tlp, attributes: { fullName }, ...dist }, auth),
    phone: (auth: Auth, number: string, tlp: Tlp = 'AMBER', dist: Distribution = {}) =>
      create('/api/v1/intel/entities', { type: 'phone', tlp, attributes: { number }, ...dist }, auth),
    group: (auth: Auth, name: string, tlp: Tlp = 'AMBER', dist: Distribution = {}) =>
      create('/api/v1/intel/entities', { type: 'criminal_group', tlp, attributes: { name }, ...dist }, auth),
    link: (
      auth: Auth,
      sourceId: string,
      targetId: string,
      options: { type?: string; tlp?: Tlp; validFrom?: string | null; validTo?: string | null } & Distribution = {},
    ) =>
      create('/api/v1/intel/links', { type: options.type ?? 'associate_of', tlp: options.tlp ?? 'AMBER', sourceId, targetId, validFrom: options.validFrom ?? null, validTo: options.validTo ?? null, sharingGroupIds: options.sharingGroupIds ?? [], recipientUserIds: options.recipientUserIds ?? [] }, auth),
  };
}

export const neighbourhoodUrl = (ids: string[], params: Record<string, string | number> = {}) =>
  `/api/v1/intel/graph/neighbourhood?${new URLSearchParams({ entityIds: ids.join(','), ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) })}`;

export const pathsUrl = (from: string, to: string, params: Record<string, string | number> = {}) =>
  `/api/v1/intel/graph/paths?${new URLSearchParams({ from, to, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) })}`;
