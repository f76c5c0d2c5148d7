-- Platform core: identity, sharing, access control, audit. Forward-only: never edit once released.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TYPE tlp AS ENUM ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED');

CREATE TYPE org_type AS ENUM (
  'police_agency', 'prosecutor', 'municipality', 'ministry', 'ngo', 'community_association',
  'school', 'religious_organisation', 'business', 'international_partner', 'oversight_body'
);

CREATE TYPE member_role AS ENUM (
  'admin', 'coordinator', 'analyst', 'officer', 'member', 'viewer', 'auditor'
);

CREATE TABLE organizations (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  type          org_type NOT NULL,
  country       char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  jurisdiction  geometry(MultiPolygon, 4326) CHECK (jurisdiction IS NULL OR ST_IsValid(jurisdiction)),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organizations_name_key ON organizations (lower(name));
CREATE INDEX organizations_jurisdiction_idx ON organizations USING gist (jurisdiction);

CREATE TABLE users (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email              text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
  display_name       text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  password_hash      text,
  locale             text CHECK (locale IN ('es', 'en', 'pt')),
  is_platform_admin  boolean NOT NULL DEFAULT false,
  disabled_at        timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- A user may hold several roles in one organisation and belong to several organisations.
CREATE TABLE memberships (
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  org_id      uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  role        member_role NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, org_id, role)
);
CREATE INDEX memberships_org_idx ON memberships (org_id);

-- Server-side sessions; the cookie carries a random token, only its SHA-256 is stored.
CREATE TABLE sessions (
  token_hash    text PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE api_tokens (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash    text NOT NULL UNIQUE,
  scopes        text[] NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz,
  revoked_at    timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- Failed-login counters, keyed by account and by (keyed hash of) client address.
CREATE TABLE login_throttle (
  key               text PRIMARY KEY,
  failures          integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until      timestamptz
);

-- Per-deployment secrets generated on first start (e.g. the key that hashes client
-- addresses for login throttling), shared by every instance.
CREATE TABLE platform_secrets (
  name   text PRIMARY KEY,
  value  text NOT NULL
);

-- Task forces: named sets of organisations, possibly across countries.
CREATE TABLE sharing_groups (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description   text NOT NULL DEFAULT '',
  owner_org_id  uuid NOT NULL REFERENCES organizations (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sharing_groups_name_key ON sharing_groups (lower(name));

CREATE TABLE sharing_group_members (
  group_id  uuid NOT NULL REFERENCES sharing_groups (id) ON DELETE CASCADE,
  org_id    uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, org_id)
);
CREATE INDEX sharing_group_members_org_idx ON sharing_group_members (org_id);

-- Distribution of any shareable record: AMBER records reach the member organisations of
-- these groups; RED records reach only the named users.
CREATE TABLE record_sharing_groups (
  record_type  text NOT NULL,
  record_id    uuid NOT NULL,
  group_id     uuid NOT NULL REFERENCES sharing_groups (id) ON DELETE CASCADE,
  PRIMARY KEY (record_type, record_id, group_id)
);
CREATE INDEX record_sharing_groups_group_idx ON record_sharing_groups (group_id);

CREATE TABLE record_recipients (
  record_type  text NOT NULL,
  record_id    uuid NOT NULL,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (record_type, record_id, user_id)
);
CREATE INDEX record_recipients_user_idx ON record_recipients (user_id);

-- Audit log: append-only. Writers insert here and into audit_pending in their own
-- transaction; the chainer moves pending entries into audit_chain in commit order, each
-- link committing to the previous link's hash.
CREATE TABLE audit_log (
  seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  actor_user_id  uuid,
  actor_org_id   uuid,
  action         text NOT NULL,
  record_type    text NOT NULL,
  record_id      text,
  request_id     text,
  diff           jsonb
);
CREATE INDEX audit_log_record_idx ON audit_log (record_type, record_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, seq);
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE TABLE audit_pending (
  seq  bigint PRIMARY KEY
);

CREATE TABLE audit_chain (
  position   bigint PRIMARY KEY,
  seq        bigint NOT NULL UNIQUE,
  prev_hash  text NOT NULL,
  hash       text NOT NULL,
  chained_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Shared notes: the first shareable record type, a task force's working notebook.
CREATE TABLE notes (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_org_id  uuid NOT NULL REFERENCES organizations (id),
  created_by    uuid NOT NULL REFERENCES users (id),
  tlp           tlp NOT NULL,
  title         text NOT NULL,
  body          text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notes_owner_idx ON notes (owner_org_id, created_at DESC);
CREATE INDEX notes_created_idx ON notes (created_at DESC, id DESC);
CREATE INDEX notes_tlp_idx ON notes (tlp);
