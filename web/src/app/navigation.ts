import type { MessageKey } from '../i18n/i18n.tsx';
import type { Role, Session } from '../session/session.tsx';

export interface NavItem {
  to: string;
  label: MessageKey;
  /** Shown when the user has one of these roles (any membership), or always when absent. */
  roles?: Role[];
  platformAdmin?: boolean;
}

/** The workspace menu; what a user sees follows their roles. */
export const WORKSPACE_NAV: NavItem[] = [
  { to: '/w', label: 'nav.dashboard' },
  { to: '/w/operations', label: 'nav.operations' },
  { to: '/w/bulletins', label: 'nav.bulletins' },
  { to: '/w/notes', label: 'nav.notes' },
  { to: '/w/reports', label: 'nav.reports', roles: ['admin', 'coordinator'] },
  { to: '/w/forwarded', label: 'nav.forwarded', roles: ['admin', 'coordinator', 'analyst', 'officer'] },
  { to: '/w/routing', label: 'nav.routing', roles: ['admin', 'coordinator'] },
  { to: '/w/map', label: 'nav.map' },
  { to: '/w/analysis', label: 'nav.analysis', roles: ['admin', 'coordinator', 'analyst', 'officer'] },
  { to: '/w/groups', label: 'nav.groups' },
  { to: '/w/members', label: 'nav.members', roles: ['admin', 'coordinator'] },
  { to: '/w/audit', label: 'nav.audit', roles: ['auditor'] },
  { to: '/w/organizations', label: 'nav.organizations', platformAdmin: true },
  { to: '/w/tokens', label: 'nav.tokens' },
  { to: '/w/imports', label: 'nav.imports', roles: ['admin', 'coordinator', 'analyst', 'officer', 'member'] },
  { to: '/w/intel/search', label: 'nav.intelSearch', roles: ['admin', 'coordinator', 'analyst', 'officer'] },
  { to: '/w/intel/entities', label: 'nav.intelEntities' },
  { to: '/w/intel/reports', label: 'nav.intelReports' },
  { to: '/w/intel/requests', label: 'nav.intelRequests', roles: ['admin', 'coordinator', 'analyst', 'officer'] },
  { to: '/w/intel/graph', label: 'nav.intelGraph', roles: ['admin', 'coordinator', 'analyst', 'officer'] },
];

export function visibleNav(session: Session): NavItem[] {
  return WORKSPACE_NAV.filter((item) => {
    if (item.platformAdmin) return session.user.isPlatformAdmin;
    return !item.roles || session.memberships.some((m) => item.roles!.includes(m.role));
  });
}
