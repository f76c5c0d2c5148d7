import type { ReactNode } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { MapPage } from '../pages/MapPage.tsx';
import { HomePage } from '../pages/public/HomePage.tsx';
import { ConductPage } from '../pages/public/ConductPage.tsx';
import { FollowUpPage } from '../pages/public/FollowUpPage.tsx';
import { LoginPage } from '../pages/public/LoginPage.tsx';
import { PlacesPage } from '../pages/public/PlacesPage.tsx';
import { PlaceStatusPage } from '../pages/public/PlaceStatusPage.tsx';
import { ReportPlacePage } from '../pages/public/ReportPlacePage.tsx';
import { ReportTipPage } from '../pages/public/ReportTipPage.tsx';
import { ResponseTimesPage } from '../pages/public/ResponseTimesPage.tsx';
import { ForbiddenPage, NotFoundPage } from '../pages/public/StatusPages.tsx';
import { AuditPage } from '../pages/workspace/AuditPage.tsx';
import { DashboardPage } from '../pages/workspace/DashboardPage.tsx';
import { GroupsPage } from '../pages/workspace/GroupsPage.tsx';
import { MembersPage } from '../pages/workspace/MembersPage.tsx';
import { NoteEditorPage } from '../pages/workspace/NoteEditorPage.tsx';
import { NotesPage } from '../pages/workspace/NotesPage.tsx';
import { NoteViewPage } from '../pages/workspace/NoteViewPage.tsx';
import { OrganizationsPage } from '../pages/workspace/OrganizationsPage.tsx';
import { TokensPage } from '../pages/workspace/TokensPage.tsx';
import { AnalysisPage } from '../pages/analysis/AnalysisPage.tsx';
import { ImportsPage } from '../pages/imports/ImportsPage.tsx';
import { ForwardedReportsPage } from '../pages/triage/ForwardedReportsPage.tsx';
import { ReportsQueuePage } from '../pages/triage/ReportsQueuePage.tsx';
import { ReportTriagePage } from '../pages/triage/ReportTriagePage.tsx';
import { RoutingRulesPage } from '../pages/triage/RoutingRulesPage.tsx';
import { ContactRequestsPage } from '../pages/intel/ContactRequestsPage.tsx';
import { DuplicatesPage } from '../pages/intel/DuplicatesPage.tsx';
import { EntitiesPage } from '../pages/intel/EntitiesPage.tsx';
import { EntityEditorPage } from '../pages/intel/EntityEditorPage.tsx';
import { EntityViewPage } from '../pages/intel/EntityViewPage.tsx';
import { IdentifierSearchPage } from '../pages/intel/IdentifierSearchPage.tsx';
import { GraphPage } from '../pages/intel/graph/GraphPage.tsx';
import { ReportEditorPage, ReportsPage, ReportViewPage } from '../pages/intel/ReportsPage.tsx';
import { BulletinEditorPage } from '../pages/bulletins/BulletinEditorPage.tsx';
import { BulletinsPage } from '../pages/bulletins/BulletinsPage.tsx';
import { BulletinViewPage } from '../pages/bulletins/BulletinViewPage.tsx';
import { OperationsPage } from '../pages/operations/OperationsPage.tsx';
import { useSession, type Role } from '../session/session.tsx';
import { PublicLayout } from './PublicLayout.tsx';
import { WorkspaceLayout } from './WorkspaceLayout.tsx';

/** A page for some roles only: others get the 403 page, never a blank or a crash. */
function RequireRole({ roles, platformAdmin, children }: { roles?: Role[]; platformAdmin?: boolean; children: ReactNode }) {
  const { session, hasRole } = useSession();
  const allowed = platformAdmin ? !!session?.user.isPlatformAdmin : !roles || hasRole(...roles);
  return allowed ? children : <ForbiddenPage />;
}

/** Intelligence and analyses are for the need-to-know roles (admin, coordinator, analyst, officer). */
const INTEL_ROLES: Role[] = ['admin', 'coordinator', 'analyst', 'officer'];

/** Bulletins speak for an organisation: its analysts, coordinators and admins issue them (bulletins/policy.ts). */
const BULLETIN_ISSUER_ROLES: Role[] = ['admin', 'coordinator', 'analyst'];

const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/login', element: <LoginPage /> },
      { path: '/map', element: <MapPage /> },
      { path: '/report', element: <ReportTipPage /> },
      { path: '/conduct', element: <ConductPage /> },
      { path: '/follow-up', element: <FollowUpPage /> },
      { path: '/response-times', element: <ResponseTimesPage /> },
      { path: '/places', element: <PlacesPage /> },
      { path: '/places/report', element: <ReportPlacePage /> },
      { path: '/places/:number', element: <PlaceStatusPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  {
    path: '/w',
    element: <WorkspaceLayout />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'notes', element: <NotesPage /> },
      { path: 'notes/new', element: <NoteEditorPage /> },
      { path: 'notes/:id', element: <NoteViewPage /> },
      { path: 'notes/:id/edit', element: <NoteEditorPage /> },
      { path: 'map', element: <MapPage /> },
      { path: 'analysis', element: <RequireRole roles={INTEL_ROLES}><AnalysisPage /></RequireRole> },
      { path: 'reports', element: <RequireRole roles={['admin', 'coordinator']}><ReportsQueuePage /></RequireRole> },
      { path: 'reports/:id', element: <RequireRole roles={['admin', 'coordinator']}><ReportTriagePage /></RequireRole> },
      { path: 'forwarded', element: <RequireRole roles={['admin', 'coordinator', 'analyst', 'officer']}><ForwardedReportsPage /></RequireRole> },
      { path: 'routing', element: <RequireRole roles={['admin', 'coordinator']}><RoutingRulesPage /></RequireRole> },
      { path: 'groups', element: <GroupsPage /> },
      { path: 'members', element: <RequireRole roles={['admin', 'coordinator']}><MembersPage /></RequireRole> },
      { path: 'audit', element: <RequireRole roles={['auditor']}><AuditPage /></RequireRole> },
      { path: 'organizations', element: <RequireRole platformAdmin><OrganizationsPage /></RequireRole> },
      { path: 'tokens', element: <TokensPage /> },
      { path: 'imports', element: <RequireRole roles={['admin', 'coordinator', 'analyst', 'officer', 'member']}><ImportsPage /></RequireRole> },
      { path: 'intel/search', element: <RequireRole roles={INTEL_ROLES}><IdentifierSearchPage /></RequireRole> },
      { path: 'intel/entities', element: <EntitiesPage /> },
      { path: 'intel/entities/new', element: <RequireRole roles={INTEL_ROLES}><EntityEditorPage /></RequireRole> },
      { path: 'intel/entities/:id', element: <EntityViewPage /> },
      { path: 'intel/reports', element: <ReportsPage /> },
      { path: 'intel/reports/new', element: <RequireRole roles={INTEL_ROLES}><ReportEditorPage /></RequireRole> },
      { path: 'intel/reports/:id', element: <ReportViewPage /> },
      { path: 'intel/requests', element: <RequireRole roles={INTEL_ROLES}><ContactRequestsPage /></RequireRole> },
      // Every signed-in user has an operations feed and bulletins: what they hold follows the markings.
      { path: 'operations', element: <OperationsPage /> },
      { path: 'bulletins', element: <BulletinsPage /> },
      { path: 'bulletins/new', element: <RequireRole roles={BULLETIN_ISSUER_ROLES}><BulletinEditorPage /></RequireRole> },
      { path: 'bulletins/:id', element: <BulletinViewPage /> },
      { path: 'intel/duplicates', element: <RequireRole roles={INTEL_ROLES}><DuplicatesPage /></RequireRole> },
      { path: 'intel/graph', element: <RequireRole roles={INTEL_ROLES}><GraphPage /></RequireRole> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
