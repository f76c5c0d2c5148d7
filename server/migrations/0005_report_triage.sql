-- Triage and routing of residents' reports. Tips become one channel of `reports`; unsafe-place
-- reports (public, Open311) and police-conduct feedback share the table, the triage states and
-- the routing. Nothing about the reporter is added here: staff timestamps describe staff work.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE tips RENAME TO reports;
ALTER TABLE tip_messages RENAME TO report_messages;
ALTER TABLE report_messages RENAME COLUMN tip_id TO report_id;
ALTER INDEX tips_status_idx RENAME TO reports_status_idx;
ALTER INDEX tip_messages_tip_idx RENAME TO report_messages_report_idx;

ALTER TABLE reports
  ADD COLUMN channel text NOT NULL DEFAULT 'tip' CHECK (channel IN ('tip', 'unsafe_place', 'conduct')),
  -- Public number of unsafe-place reports (Open311 service_request_id), from their own
  -- sequence: numbers shared with tips would reveal how many confidential reports arrived.
  ADD COLUMN public_id bigint UNIQUE,
  ADD COLUMN closure_reason text CHECK (closure_reason IN ('actioned', 'insufficient_information', 'duplicate', 'unfounded')),
  ADD COLUMN duplicate_of uuid REFERENCES reports (id),
  -- Routing result: the organisation whose coordinators triage it; NULL = coordinators' queue.
  ADD COLUMN responsible_org_id uuid REFERENCES organizations (id),
  ADD COLUMN routing_rule_id uuid,
  -- Police-conduct feedback: the unit concerned, which never receives it.
  ADD COLUMN concerned_org_id uuid REFERENCES organizations (id),
  ADD COLUMN triaged_at timestamptz,
  ADD COLUMN first_reply_at timestamptz,
  ADD COLUMN closed_at timestamptz,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT reports_closure_check CHECK ((status = 'closed') = (closure_reason IS NOT NULL)),
  ADD CONSTRAINT reports_duplicate_check CHECK ((closure_reason = 'duplicate') = (duplicate_of IS NOT NULL) OR closure_reason IS NULL AND duplicate_of IS NULL);
-- Unsafe-place reports may be followed publicly by number instead of a receipt.
ALTER TABLE reports ALTER COLUMN receipt_key DROP NOT NULL, ALTER COLUMN passphrase_hash DROP NOT NULL;
CREATE SEQUENCE unsafe_place_numbers;
ALTER TABLE reports ADD CONSTRAINT reports_public_id_check CHECK ((channel = 'unsafe_place') = (public_id IS NOT NULL));
ALTER TABLE reports ADD CONSTRAINT reports_receipt_check
  CHECK (channel = 'unsafe_place' OR (receipt_key IS NOT NULL AND passphrase_hash IS NOT NULL));

CREATE INDEX reports_queue_idx ON reports (responsible_org_id, status, received_hour DESC);
CREATE INDEX reports_channel_idx ON reports (channel, received_hour DESC);
CREATE INDEX reports_location_idx ON reports USING gist (location);
CREATE INDEX reports_body_trgm_idx ON reports USING gin (body gin_trgm_ops);

-- Organisations whose coordinators run the intake line: they see every report, and the
-- coordinators' queue of reports no routing rule matched.
ALTER TABLE organizations ADD COLUMN triage_hub boolean NOT NULL DEFAULT false;

-- A rule names the responsible organisation (or an information-only recipient) for a channel
-- and category (NULL = any) inside that organisation's jurisdiction, or anywhere.
CREATE TABLE routing_rules (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel       text NOT NULL CHECK (channel IN ('tip', 'unsafe_place', 'conduct')),
  category      text REFERENCES report_categories (code),
  org_id        uuid NOT NULL REFERENCES organizations (id),
  role          text NOT NULL CHECK (role IN ('responsible', 'informed')),
  scope         text NOT NULL CHECK (scope IN ('jurisdiction', 'anywhere')),
  priority      integer NOT NULL DEFAULT 0 CHECK (priority BETWEEN -1000 AND 1000),
  created_by    uuid NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX routing_rules_key ON routing_rules (channel, coalesce(category, ''), org_id, role, scope);
ALTER TABLE reports ADD CONSTRAINT reports_routing_rule_fkey FOREIGN KEY (routing_rule_id) REFERENCES routing_rules (id) ON DELETE SET NULL;

-- A forwarded copy: what one organisation receives, as redacted by the coordinator, under its
-- own TLP marking. Read through the access policy (record type 'report_forward').
CREATE TABLE report_forwards (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id     uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  owner_org_id  uuid NOT NULL REFERENCES organizations (id),
  role          text NOT NULL CHECK (role IN ('responsible', 'informed')),
  tlp           tlp NOT NULL CHECK (tlp IN ('AMBER', 'AMBER+STRICT', 'RED')),
  body          text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  -- The coordinator may withhold the map pin and place description (they can identify).
  include_location boolean NOT NULL DEFAULT true,
  created_by    uuid NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (report_id, owner_org_id)
);
CREATE INDEX report_forwards_owner_idx ON report_forwards (owner_org_id, created_at DESC);
