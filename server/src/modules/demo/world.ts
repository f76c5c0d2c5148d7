import type { OrgType, Role, Tlp } from '../../platform/db/schema.ts';

/**
 * The fictional demo world: invented organisations, people and notes, every organisation
 * labelled "(DEMO)", placed on the real (2016) police districts of Portland, Oregon
 * (demo/portland-police-districts.geojson). It exists to make a first start explorable.
 */

/** Shared by every demo account, and published in the README: never for real data. */
export const DEMO_PASSWORD = 'alianza-demo-2026';
export const DEMO_EMAIL_DOMAIN = 'demo.alianza.example';

/** Which districts make an organisation's jurisdiction: all, a precinct's, or listed ones. */
export type DemoArea = { all: true } | { precinct: 'NO' | 'CE' | 'EA' } | { districts: string[] };

export interface DemoOrganization {
  key: string;
  name: string;
  type: OrgType;
  country: string;
  area: DemoArea | null;
  /** Runs the intake line of residents' reports. */
  triageHub?: boolean;
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { key: 'police', name: 'Rose City Police Agency (DEMO)', type: 'police_agency', country: 'US', area: { all: true } },
  { key: 'prosecutor', name: 'Rose City District Prosecutor (DEMO)', type: 'prosecutor', country: 'US', area: null },
  { key: 'city', name: 'Rose City Hall – Community Safety (DEMO)', type: 'municipality', country: 'US', area: { all: true }, triageHub: true },
  { key: 'ngo-north', name: 'Safe Streets North (DEMO)', type: 'ngo', country: 'US', area: { precinct: 'NO' } },
  { key: 'ngo-east', name: 'Eastside Neighbours Network (DEMO)', type: 'ngo', country: 'US', area: { precinct: 'EA' } },
  { key: 'school', name: 'Willamette Secondary School (DEMO)', type: 'school', country: 'US', area: { districts: ['822'] } },
  { key: 'oversight', name: 'Independent Police Oversight Board (DEMO)', type: 'oversight_body', country: 'US', area: null },
  { key: 'partner', name: 'Agencia Andina de Seguridad Ciudadana (DEMO)', type: 'police_agency', country: 'CO', area: null },
];

export interface DemoUser {
  /** Local part of the e-mail address, @demo.alianza.example. */
  login: string;
  displayName: string;
  memberships: { org: string; role: Role }[];
  platformAdmin?: boolean;
  locale?: 'es' | 'en' | 'pt';
}

export const DEMO_USERS: DemoUser[] = [
  { login: 'admin', displayName: 'Alex Admin (DEMO)', memberships: [{ org: 'police', role: 'admin' }], platformAdmin: true },
  { login: 'coordinator', displayName: 'Casey Coordinator (DEMO)', memberships: [{ org: 'police', role: 'coordinator' }] },
  { login: 'analyst', displayName: 'Andrea Analyst (DEMO)', memberships: [{ org: 'police', role: 'analyst' }] },
  { login: 'officer', displayName: 'Omar Officer (DEMO)', memberships: [{ org: 'police', role: 'officer' }] },
  { login: 'prosecutor', displayName: 'Priya Prosecutor (DEMO)', memberships: [{ org: 'prosecutor', role: 'analyst' }] },
  { login: 'city', displayName: 'Morgan City Hall (DEMO)', memberships: [{ org: 'city', role: 'coordinator' }] },
  { login: 'viewer', displayName: 'Val Viewer (DEMO)', memberships: [{ org: 'city', role: 'viewer' }] },
  { login: 'member', displayName: 'Mika Member (DEMO)', memberships: [{ org: 'ngo-north', role: 'member' }] },
  { login: 'neighbours', displayName: 'Nora Neighbours (DEMO)', memberships: [{ org: 'ngo-east', role: 'coordinator' }] },
  { login: 'school', displayName: 'Sam School (DEMO)', memberships: [{ org: 'school', role: 'member' }] },
  { login: 'auditor', displayName: 'Audrey Auditor (DEMO)', memberships: [{ org: 'oversight', role: 'auditor' }] },
  { login: 'oversight', displayName: 'Olivia Oversight (DEMO)', memberships: [{ org: 'oversight', role: 'coordinator' }] },
  { login: 'partner', displayName: 'Pablo Socio (DEMO)', memberships: [{ org: 'partner', role: 'analyst' }], locale: 'es' },
];

export const demoEmail = (login: string) => `${login}@${DEMO_EMAIL_DOMAIN}`;
export const DEMO_EMAILS = DEMO_USERS.map((u) => demoEmail(u.login));

export const DEMO_TASK_FORCE = {
  name: 'Cross-border Vehicle Theft Task Force (DEMO)',
  description: 'Fictional task force of the demo world: police, prosecutor and a partner agency abroad.',
  owner: 'police',
  members: ['prosecutor', 'partner'],
};

export interface DemoNote {
  author: string;
  owner: string;
  tlp: Tlp;
  title: string;
  body: string;
  /** AMBER: shared with the task force. */
  taskForce?: boolean;
  /** RED: named recipients (logins). */
  recipients?: string[];
}

const FICTION = 'Fictional content of the Alianza demo world.';

export const DEMO_NOTES: DemoNote[] = [
  {
    author: 'coordinator',
    owner: 'police',
    tlp: 'CLEAR',
    title: 'Community safety walk, Saturday 10:00 (DEMO)',
    body: `Open to everyone: meet at the riverfront fountain; officers and neighbourhood groups walk the waterfront together. ${FICTION}`,
  },
  {
    author: 'member',
    owner: 'ngo-north',
    tlp: 'GREEN',
    title: 'Street lights out along the park path (DEMO)',
    body: `Residents report six lights out on the north park path since Monday; reported to the city. ${FICTION}`,
  },
  {
    author: 'analyst',
    owner: 'police',
    tlp: 'AMBER',
    taskForce: true,
    title: 'Pattern: vehicle thefts along the river corridor (DEMO)',
    body: `Thefts of late-model pick-ups cluster near the freight terminals between 01:00 and 04:00. Shared with the task force. ${FICTION}`,
  },
  {
    author: 'partner',
    owner: 'partner',
    tlp: 'AMBER',
    taskForce: true,
    title: 'Vehículos recuperados con placas alteradas (DEMO)',
    body: `Tres camionetas recuperadas en el puerto coinciden con el patrón del corredor del río. Contenido ficticio del mundo de demostración de Alianza.`,
  },
  {
    author: 'officer',
    owner: 'police',
    tlp: 'AMBER+STRICT',
    title: 'Patrol schedule changes for the east precinct (DEMO)',
    body: `Night patrols move one hour later from next week; for the agency only. ${FICTION}`,
  },
  {
    author: 'analyst',
    owner: 'police',
    tlp: 'RED',
    recipients: ['prosecutor'],
    title: 'Source meeting notes (DEMO)',
    body: `For the named recipient only: a source describes the resale chain of the stolen vehicles. ${FICTION}`,
  },
];

export interface DemoRoutingRule {
  channel: 'tip' | 'unsafe_place' | 'conduct';
  category: string | null;
  org: string;
  role: 'responsible' | 'informed';
  scope: 'jurisdiction' | 'anywhere';
}

/** Tips to the police inside the city, trafficking also to the prosecutor, conduct feedback to the oversight board. */
export const DEMO_ROUTING_RULES: DemoRoutingRule[] = [
  { channel: 'tip', category: null, org: 'police', role: 'responsible', scope: 'jurisdiction' },
  { channel: 'tip', category: 'trafficking', org: 'prosecutor', role: 'informed', scope: 'anywhere' },
  { channel: 'tip', category: 'corruption', org: 'prosecutor', role: 'informed', scope: 'anywhere' },
  { channel: 'unsafe_place', category: null, org: 'city', role: 'responsible', scope: 'jurisdiction' },
  { channel: 'conduct', category: null, org: 'oversight', role: 'responsible', scope: 'anywhere' },
];

/** Residents' tips waiting in the queue (their receipts are never shown: nobody can follow them up). */
export const DEMO_TIPS: { category: string; body: string; at: { lon: number; lat: number } | null; locationText: string | null }[] = [
  { category: 'drug_sales', body: `A car parks behind the corner shop every evening and people queue at its window. ${FICTION}`, at: { lon: -122.6587, lat: 45.5122 }, locationText: 'Behind the corner shop on SE Hawthorne (DEMO)' },
  { category: 'trafficking', body: `Young women are driven to a house at night and never seen leaving. ${FICTION}`, at: { lon: -122.5652, lat: 45.5358 }, locationText: null },
  { category: 'extortion', body: `Shop owners on our street are asked for a weekly "protection" payment. ${FICTION}`, at: null, locationText: 'A street in the east of the city (DEMO)' },
];
