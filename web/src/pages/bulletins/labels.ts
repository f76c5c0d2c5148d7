import type { paths } from '../../api/schema.ts';
import type { MessageKey } from '../../i18n/i18n.tsx';

export type Bulletin = paths['/api/v1/bulletins/{id}']['get']['responses'][200]['content']['application/json'];
export type Tracking = paths['/api/v1/bulletins/{id}/acknowledgements']['get']['responses'][200]['content']['application/json'];
export type BulletinKind = Bulletin['kind'];
export const BULLETIN_KINDS: readonly BulletinKind[] = ['alert', 'modus_operandi', 'route', 'information'];

export const kindLabel = (kind: BulletinKind) => `bulletins.kind.${kind}` as MessageKey;
export const statusLabel = (status: Bulletin['status']) => `bulletins.status.${status}` as MessageKey;

/** Roles that issue bulletins for their organisation (server: bulletins/policy.ts). */
export const ISSUER_ROLES = ['admin', 'coordinator', 'analyst'] as const;
