-- Incident imports: saved profiles, import runs (background jobs) with their uploaded file,
-- progress and error report, and a set-based path for the administrative area.

-- The bulk import assigns admin_area_org_id itself, for a whole batch in one statement (the
-- same rule as the trigger: the smallest jurisdiction covering the point). Inside such a
-- transaction it sets alianza.admin_area_preset, and the per-row trigger steps aside.
CREATE OR REPLACE FUNCTION incidents_admin_area() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('alianza.admin_area_preset', true) = 'on' THEN
    RETURN NEW;
  END IF;
  IF NEW.location IS NULL THEN
    NEW.admin_area_org_id := NULL;
  ELSE
    SELECT o.id INTO NEW.admin_area_org_id
      FROM organizations o
     WHERE o.jurisdiction IS NOT NULL AND ST_Covers(o.jurisdiction, NEW.location)
     ORDER BY ST_Area(o.jurisdiction::geography), o.id
     LIMIT 1;
  END IF;
  RETURN NEW;
END $$;

-- How an organisation reads one kind of file. `settings` holds the format, delimiter, column
-- mapping, date format, UTC offset, CRS and location precision (validated by the API).
CREATE TABLE import_profiles (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_org_id       uuid NOT NULL REFERENCES organizations (id),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  settings           jsonb NOT NULL,
  source             text NOT NULL DEFAULT 'import' CHECK (source IN ('police_record', 'tip', 'import', 'partner')),
  tlp                tlp NOT NULL,
  sharing_group_ids  uuid[] NOT NULL DEFAULT '{}',
  recipient_user_ids uuid[] NOT NULL DEFAULT '{}',
  created_by         uuid NOT NULL REFERENCES users (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner_org_id, name)
);

-- One import of one file. Progress columns are updated after every batch, so any instance
-- can report it; `cancel_requested` is read by the worker between batches.
CREATE TABLE imports (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_org_id     uuid NOT NULL REFERENCES organizations (id),
  profile_id       uuid REFERENCES import_profiles (id) ON DELETE SET NULL,
  profile_name     text NOT NULL,
  -- The profile as it was when the import started (later edits do not change a running import).
  settings         jsonb NOT NULL,
  file_name        text NOT NULL CHECK (length(file_name) <= 255),
  file_bytes       bigint NOT NULL DEFAULT 0 CHECK (file_bytes >= 0),
  state            text NOT NULL CHECK (state IN ('uploading', 'queued', 'running', 'completed', 'failed', 'cancelled')),
  bytes_read       bigint NOT NULL DEFAULT 0,
  records          integer NOT NULL DEFAULT 0,
  imported         integer NOT NULL DEFAULT 0,
  updated          integer NOT NULL DEFAULT 0,
  unchanged        integer NOT NULL DEFAULT 0,
  rejected         integer NOT NULL DEFAULT 0,
  -- The file's header (columns of the error report) and what a rejection's `ref` counts.
  header           jsonb,
  ref_kind         text CHECK (ref_kind IN ('line', 'feature')),
  -- Why a failed import stopped: an error code and field issues, localized when read.
  failure          jsonb,
  cancel_requested boolean NOT NULL DEFAULT false,
  created_by       uuid NOT NULL REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  finished_at      timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX imports_owner_idx ON imports (owner_org_id, created_at DESC);

-- The uploaded file, in the database so that any instance can run the job; removed when the
-- import ends.
CREATE TABLE import_file_chunks (
  import_id uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  seq       integer NOT NULL,
  data      bytea NOT NULL,
  PRIMARY KEY (import_id, seq)
);

-- The error report: every rejected record with its line (or feature), reason and raw values.
CREATE TABLE import_rejections (
  import_id   uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  seq         integer NOT NULL,
  ref         integer NOT NULL,
  code        text NOT NULL,
  column_name text,
  raw_values  jsonb NOT NULL,
  PRIMARY KEY (import_id, seq)
);
