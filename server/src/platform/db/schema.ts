import type { ColumnType, Generated, Insertable, RawBuilder, Selectable } from 'kysely';

/** Row types of the tables the migrations create. Keep in step with server/migrations. */
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

export const ORG_TYPES = [
  'police_agency', 'prosecutor', 'municipality', 'ministry', 'ngo', 'community_association',
  'school', 'religious_organisation', 'business', 'international_partner', 'oversight_body',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ROLES = ['admin', 'coordinator', 'analyst', 'officer', 'member', 'viewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, never, never>;

export interface OrganizationsTable {
  id: Generated<string>;
  name: string;
  type: OrgType;
  country: string;
  /** Hex EWKB on read; always select it through ST_AsGeoJSON. */
  jurisdiction: ColumnType<string | null, never, never>;
  /** Its coordinators run the intake line: every report, and the unrouted queue. */
  triage_hub: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  locale: 'es' | 'en' | 'pt' | null;
  is_platform_admin: Generated<boolean>;
  disabled_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  user_id: string;
  org_id: string;
  role: Role;
  created_at: CreatedAt;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  scopes: string[];
  created_at: CreatedAt;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Date | null;
}

export interface PlatformSecretsTable {
  name: string;
  value: string;
}

export interface SharingGroupsTable {
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  owner_org_id: string;
  created_at: CreatedAt;
}

export interface SharingGroupMembersTable {
  group_id: string;
  org_id: string;
}

export interface RecordSharingGroupsTable {
  record_type: string;
  record_id: string;
  group_id: string;
}

export interface RecordRecipientsTable {
  record_type: string;
  record_id: string;
  user_id: string;
}

export interface AuditLogTable {
  seq: ColumnType<number, never, never>;
  /** Set by the database, except for anonymous actors, whose entries keep only the hour. */
  at: ColumnType<Date, string | undefined, never>;
  actor_user_id: string | null;
  actor_org_id: string | null;
  action: string;
  record_type: string;
  record_id: string | null;
  request_id: string | null;
  diff: ColumnType<unknown, string | null, never>;
}

export interface AuditPendingTable {
  seq: number;
}

export interface AuditChainTable {
  position: number;
  seq: number;
  prev_hash: string;
  hash: string;
  chained_at: CreatedAt;
}

export interface NotesTable {
  id: Generated<string>;
  owner_org_id: string;
  created_by: string;
  tlp: Tlp;
  title: string;
  body: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ReportCategoriesTable {
  code: string;
  channel: ReportChannel;
  iccs_code: string | null;
  name_es: string;
  name_en: string;
  name_pt: string;
  active: Generated<boolean>;
  /** Open311 service descriptions of unsafe-place categories (NULL: the name is used). */
  description_es: string | null;
  description_en: string | null;
  description_pt: string | null;
}

export const REPORT_STATUSES = ['received', 'triaged', 'forwarded', 'in_action', 'closed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const CLOSURE_REASONS = ['actioned', 'insufficient_information', 'duplicate', 'unfounded'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export const REPORT_CHANNELS = ['tip', 'unsafe_place', 'conduct'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];
export type RecipientRole = 'responsible' | 'informed';
/** What a police-conduct reporter consents to (docs/conduct-feedback.md). */
export const CONSENT_TIERS = ['public', 'public_without_names', 'anonymous', 'statistics_only'] as const;
export type ConsentTier = (typeof CONSENT_TIERS)[number];

export interface ReportsTable {
  id: Generated<string>;
  channel: Generated<ReportChannel>;
  /** Public number (Open311 service_request_id) of unsafe-place reports only; int8, read as text. */
  public_id: ColumnType<string | null, string | undefined, never>;
  /**
   * Keyed hash to find the report by what its reporter holds: the receipt of a tip, or the
   * idempotency key of an unsafe-place report sent again after a dropped connection.
   */
  receipt_key: string | null;
  passphrase_hash: string | null;
  category: string;
  body: string;
  /** Hex EWKB on read; select through ST_X/ST_Y. */
  location: ColumnType<string | null, never, never>;
  location_text: string | null;
  status: Generated<ReportStatus>;
  closure_reason: ClosureReason | null;
  duplicate_of: string | null;
  responsible_org_id: string | null;
  routing_rule_id: string | null;
  concerned_org_id: string | null;
  /** Police-conduct feedback only (NULL for other channels). */
  consent_tier: ConsentTier | null;
  occurred_text: string | null;
  received_hour: ColumnType<Date, string, never>;
  triaged_at: Date | null;
  first_reply_at: Date | null;
  closed_at: Date | null;
  updated_at: Timestamp;
}

export interface ReportMessagesTable {
  seq: ColumnType<number, never, never>;
  report_id: string;
  author: 'reporter' | 'staff';
  staff_user_id: string | null;
  body: string;
  sent_hour: ColumnType<Date, string, never>;
}

export const ATTACHMENT_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

export interface ReportAttachmentsTable {
  id: Generated<string>;
  report_id: string;
  position: number;
  media_type: AttachmentMediaType;
  byte_size: number;
  width: number;
  height: number;
  sha256: string;
  /** Buffer on PostgreSQL, Uint8Array on PGlite. */
  content: ColumnType<Uint8Array, Uint8Array, never>;
  received_hour: ColumnType<Date, string, never>;
}

export interface RoutingRulesTable {
  id: Generated<string>;
  channel: ReportChannel;
  category: string | null;
  org_id: string;
  role: RecipientRole;
  scope: 'jurisdiction' | 'anywhere';
  priority: Generated<number>;
  created_by: string;
  created_at: CreatedAt;
}

export interface ReportForwardsTable {
  id: Generated<string>;
  report_id: string;
  owner_org_id: string;
  role: RecipientRole;
  tlp: Tlp;
  body: string;
  include_location: Generated<boolean>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface IccsCategoriesTable {
  code: string;
  level: 1 | 2;
  parent: string | null;
  name_es: string | null;
  name_en: string;
  name_pt: string;
  verified: boolean;
}

export const INCIDENT_SOURCES = ['police_record', 'tip', 'import', 'partner'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

export interface IncidentsTable {
  id: Generated<string>;
  owner_org_id: string;
  created_by: string;
  tlp: Tlp;
  /** Full ICCS code (2, 4, 5 or 6 digits); higher levels are its prefixes. */
  iccs_code: string | null;
  source_category: string | null;
  occurred_from: Timestamp;
  occurred_to: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reported_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Hex EWKB on read; select through ST_X/ST_Y, write as an SQL point expression. */
  location: ColumnType<string | null, RawBuilder<unknown> | null | undefined, RawBuilder<unknown> | null>;
  location_precision_m: number | null;
  address_text: string | null;
  /** Set by a trigger: the smallest organisation jurisdiction covering the location. */
  admin_area_org_id: ColumnType<string | null, never, never>;
  source: IncidentSource;
  external_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CategoryMappingsTable {
  owner_org_id: string;
  source_category: string;
  iccs_code: string | null;
}

export const INTEL_ENTITY_TYPES = [
  'person', 'criminal_group', 'vehicle', 'phone', 'financial_account', 'place', 'shipment', 'seizure', 'document',
] as const;
export type IntelEntityType = (typeof INTEL_ENTITY_TYPES)[number];
export const INTEL_LINK_TYPES = [
  'member_of', 'leads', 'associate_of', 'relative_of', 'uses', 'owns', 'located_at', 'transported', 'paid',
  'communicated_with', 'involved_in', 'seized_from', 'same_as',
] as const;
export type IntelLinkType = (typeof INTEL_LINK_TYPES)[number];
/** Admiralty (NATO STANAG 2511) source reliability and information credibility. */
export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITY)[number];
export const INFORMATION_CREDIBILITY = [1, 2, 3, 4, 5, 6] as const;
export type InformationCredibility = (typeof INFORMATION_CREDIBILITY)[number];
export const SOURCE_KNOWLEDGE = ['direct', 'indirect', 'unknown'] as const;
export type SourceKnowledge = (typeof SOURCE_KNOWLEDGE)[number];
/** UK 3x5x2 handling codes: P lawful sharing permitted, C permitted with conditions. */
export const HANDLING_CODES = ['P', 'C'] as const;
export type HandlingCode = (typeof HANDLING_CODES)[number];

type Json<T> = ColumnType<T, string, string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface IntelEntitiesTable {
  id: Generated<string>;
  owner_org_id: string;
  created_by: string;
  tlp: Tlp;
  type: IntelEntityType;
  label: string;
  /** Type-specific, validated by the application; written as JSON text. */
  attributes: Json<Record<string, unknown>>;
  /** Identifiers as entered: [{kind, value, country?}]. */
  identifiers: Json<{ kind: string; value: string; country?: string }[]>;
  first_seen: NullableTimestamp;
  last_seen: NullableTimestamp;
  copy_of: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface IntelReportsTable {
  id: Generated<string>;
  owner_org_id: string;
  created_by: string;
  tlp: Tlp;
  title: string;
  body: string;
  source_reliability: SourceReliability;
  information_credibility: InformationCredibility;
  source_knowledge: SourceKnowledge;
  handling_code: HandlingCode;
  handling_conditions: string | null;
  obtained_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface IntelReportEntitiesTable {
  report_id: string;
  entity_id: string;
}

export interface IntelLinksTable {
  id: Generated<string>;
  owner_org_id: string;
  created_by: string;
  tlp: Tlp;
  type: IntelLinkType;
  source_id: string;
  target_id: string;
  valid_from: NullableTimestamp;
  valid_to: NullableTimestamp;
  report_id: string | null;
  description: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface IntelEntityMergesTable {
  id: Generated<string>;
  survivor_id: string;
  merged_id: string;
  reason: string;
  merged_by: string;
  merged_at: CreatedAt;
  unmerged_by: string | null;
  unmerged_at: Date | null;
}

export interface IntelDuplicateDismissalsTable {
  org_id: string;
  entity_a: string;
  entity_b: string;
  dismissed_by: string;
  dismissed_at: CreatedAt;
}

/** A row of the operations feed (migration 0013): what happened and who may know, never content. */
export interface OperationsFeedTable {
  id: Generated<number>;
  /** Commit order, given by the sequencer; null until then. */
  position: ColumnType<number | null, never, number>;
  kind: string;
  record_type: string;
  record_id: string;
  owner_org_id: string;
  created_by: string | null;
  tlp: Tlp;
  sharing_group_ids: ColumnType<string[], RawBuilder<unknown>, RawBuilder<unknown>>;
  recipient_user_ids: ColumnType<string[], RawBuilder<unknown>, RawBuilder<unknown>>;
  data: ColumnType<Record<string, string | number | boolean | null>, string, never>;
  created_at: CreatedAt;
}

export interface OperationsFeedHeadTable {
  singleton: boolean;
  position: number;
  truncated_through: number;
}

export const BULLETIN_KINDS = ['alert', 'modus_operandi', 'route', 'information'] as const;
export type BulletinKind = (typeof BULLETIN_KINDS)[number];

/** Bulletins to task forces (migration 0016), TLP records with record type 'bulletin'. */
export interface BulletinsTable {
  id: Generated<string>;
  owner_org_id: string;
  created_by: string;
  tlp: Tlp;
  kind: BulletinKind;
  title: string;
  body: string;
  /** Hex EWKB on read; select through ST_AsGeoJSON, write as an SQL geometry expression. */
  area: ColumnType<string | null, RawBuilder<unknown> | null, RawBuilder<unknown> | null>;
  valid_from: Timestamp;
  valid_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
}

export interface BulletinAcknowledgementsTable {
  id: Generated<string>;
  bulletin_id: string;
  user_id: string;
  org_id: string;
  acknowledged_at: CreatedAt;
}

export interface IntelIdentifiersTable {
  kind: string;
  value: string;
  entity_id: string;
}

export interface IntelHitsTable {
  id: Generated<string>;
  searcher_user_id: string;
  searcher_org_id: string | null;
  owner_org_id: string;
  owner_named: boolean;
  kind: string;
  value: string;
  created_at: CreatedAt;
}

export interface IntelHitEntitiesTable {
  hit_id: string;
  entity_id: string;
}

export const CONTACT_REQUEST_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type ContactRequestStatus = (typeof CONTACT_REQUEST_STATUSES)[number];

export interface IntelContactRequestsTable {
  id: Generated<string>;
  hit_id: string;
  requester_user_id: string;
  requester_org_id: string | null;
  owner_org_id: string;
  message: string;
  status: Generated<ContactRequestStatus>;
  response: Generated<string>;
  shared_via: 'sharing_group' | 'copy' | null;
  sharing_group_id: string | null;
  shared_entity_ids: ColumnType<string[], string[] | undefined, string[]>;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: CreatedAt;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: CreatedAt;
}

export interface ImportProfilesTable {
  id: Generated<string>;
  owner_org_id: string;
  name: string;
  /** Format, delimiter, columns, date format, UTC offset, CRS, precision (JSON, validated by the API). */
  settings: ColumnType<unknown, string, string>;
  source: IncidentSource;
  tlp: Tlp;
  sharing_group_ids: ColumnType<string[], string[] | undefined, string[]>;
  recipient_user_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export const IMPORT_STATES = ['uploading', 'queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

export interface ImportsTable {
  id: Generated<string>;
  owner_org_id: string;
  profile_id: string | null;
  profile_name: string;
  settings: ColumnType<unknown, string, string>;
  file_name: string;
  file_bytes: ColumnType<number, number | undefined, number>;
  state: ImportState;
  bytes_read: ColumnType<number, number | undefined, number>;
  records: ColumnType<number, number | undefined, number>;
  imported: ColumnType<number, number | undefined, number>;
  updated: ColumnType<number, number | undefined, number>;
  unchanged: ColumnType<number, number | undefined, number>;
  rejected: ColumnType<number, number | undefined, number>;
  header: ColumnType<string[] | null, string | null | undefined, string | null>;
  ref_kind: 'line' | 'feature' | null;
  failure: ColumnType<unknown, string | null | undefined, string | null>;
  cancel_requested: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string;
  created_at: CreatedAt;
  started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: Timestamp;
}

export interface ImportFileChunksTable {
  import_id: string;
  seq: number;
  data: Uint8Array;
}

export interface ImportRejectionsTable {
  import_id: string;
  seq: number;
  ref: number;
  code: string;
  column_name: string | null;
  raw_values: ColumnType<string[], string, string>;
}

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  platform_secrets: PlatformSecretsTable;
  sharing_groups: SharingGroupsTable;
  sharing_group_members: SharingGroupMembersTable;
  record_sharing_groups: RecordSharingGroupsTable;
  record_recipients: RecordRecipientsTable;
  audit_log: AuditLogTable;
  audit_pending: AuditPendingTable;
  audit_chain: AuditChainTable;
  notes: NotesTable;
  report_categories: ReportCategoriesTable;
  reports: ReportsTable;
  report_messages: ReportMessagesTable;
  routing_rules: RoutingRulesTable;
  report_forwards: ReportForwardsTable;
  report_attachments: ReportAttachmentsTable;
  iccs_categories: IccsCategoriesTable;
  incidents: IncidentsTable;
  category_mappings: CategoryMappingsTable;
  intel_entities: IntelEntitiesTable;
  intel_reports: IntelReportsTable;
  intel_report_entities: IntelReportEntitiesTable;
  intel_links: IntelLinksTable;
  intel_entity_merges: IntelEntityMergesTable;
  intel_duplicate_dismissals: IntelDuplicateDismissalsTable;
  import_profiles: ImportProfilesTable;
  imports: ImportsTable;
  import_file_chunks: ImportFileChunksTable;
  import_rejections: ImportRejectionsTable;
  intel_identifiers: IntelIdentifiersTable;
  intel_hits: IntelHitsTable;
  intel_hit_entities: IntelHitEntitiesTable;
  intel_contact_requests: IntelContactRequestsTable;
  schema_migrations: SchemaMigrationsTable;
  operations_feed: OperationsFeedTable;
  operations_feed_head: OperationsFeedHeadTable;
  bulletins: BulletinsTable;
  bulletin_acknowledgements: BulletinAcknowledgementsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
