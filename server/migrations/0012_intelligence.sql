-- Intelligence sharing (docs/intelligence.md): entities, graded reports and typed links, each a
-- TLP record like notes (record types 'intel_entity', 'intel_report', 'intel_link' in
-- record_sharing_groups / record_recipients). Type-specific attributes are validated per type
-- by the application (Zod) and kept as JSON; what the database must guarantee is checked here.

CREATE TABLE intel_entities (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_org_id  uuid NOT NULL REFERENCES organizations (id),
  created_by    uuid NOT NULL REFERENCES users (id),
  tlp           tlp NOT NULL,
  type          text NOT NULL CHECK (type IN ('person', 'criminal_group', 'vehicle', 'phone', 'financial_account',
                                              'place', 'shipment', 'seizure', 'document')),
  -- What the entity is called in lists and searches (a person's name, a plate, an E.164
  -- number…), derived from the attributes by the application.
  label         text NOT NULL CHECK (length(label) BETWEEN 1 AND 300),
  attributes    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
  -- Further identifiers as entered ([{kind, value, country?}]); their normalised forms are
  -- in the correlation index, which is derived from this column and the attributes.
  identifiers   jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(identifiers) = 'array'),
  first_seen    timestamptz,
  last_seen     timestamptz,
  -- Set on copies made when a contact request is accepted by sharing a copy.
  copy_of       uuid REFERENCES intel_entities (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (first_seen IS NULL OR last_seen IS NULL OR last_seen >= first_seen)
);
CREATE INDEX intel_entities_owner_idx ON intel_entities (owner_org_id, created_at DESC);
CREATE INDEX intel_entities_created_idx ON intel_entities (created_at DESC, id DESC);
CREATE INDEX intel_entities_type_idx ON intel_entities (type, created_at DESC);
CREATE INDEX intel_entities_label_trgm_idx ON intel_entities USING gin (label gin_trgm_ops);
-- Duplicate suggestions compare persons' dates of birth.
CREATE INDEX intel_entities_birth_idx ON intel_entities ((attributes ->> 'dateOfBirth')) WHERE type = 'person';

-- Admiralty grading (NATO STANAG 2511 / AJP-2.1): source reliability A–F, information
-- credibility 1–6, both mandatory. Handling code of the UK 3x5x2 form: P (lawful sharing
-- permitted) or C (permitted with conditions, whose text is then mandatory).
CREATE TABLE intel_reports (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_org_id            uuid NOT NULL REFERENCES organizations (id),
  created_by              uuid NOT NULL REFERENCES users (id),
  tlp                     tlp NOT NULL,
  title                   text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  body                    text NOT NULL DEFAULT '' CHECK (length(body) <= 100000),
  source_reliability      text NOT NULL CHECK (source_reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
  information_credibility smallint NOT NULL CHECK (information_credibility BETWEEN 1 AND 6),
  -- How the source came to know: needed only to show the 3x5x2 assessment A (known directly).
  source_knowledge        text NOT NULL DEFAULT 'unknown' CHECK (source_knowledge IN ('direct', 'indirect', 'unknown')),
  handling_code           text NOT NULL CHECK (handling_code IN ('P', 'C')),
  handling_conditions     text CHECK (length(handling_conditions) <= 2000),
  -- When the information was obtained, as opposed to when it was recorded.
  obtained_at             timestamptz,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  CHECK ((handling_code = 'C') = (handling_conditions IS NOT NULL AND length(btrim(handling_conditions)) > 0))
);
CREATE INDEX intel_reports_owner_idx ON intel_reports (owner_org_id, created_at DESC);
CREATE INDEX intel_reports_created_idx ON intel_reports (created_at DESC, id DESC);

-- Entities a report is about. Which of them a reader sees follows each entity's own marking.
CREATE TABLE intel_report_entities (
  report_id  uuid NOT NULL REFERENCES intel_reports (id) ON DELETE CASCADE,
  entity_id  uuid NOT NULL REFERENCES intel_entities (id),
  PRIMARY KEY (report_id, entity_id)
);
CREATE INDEX intel_report_entities_entity_idx ON intel_report_entities (entity_id);

-- Typed, directed relationships with a validity period, provenance (the report that states
-- them) and their own marking. A link is visible only if it and both its ends are visible
-- (visibleLinks in server/src/modules/intel/visibility.ts).
CREATE TABLE intel_links (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_org_id  uuid NOT NULL REFERENCES organizations (id),
  created_by    uuid NOT NULL REFERENCES users (id),
  tlp           tlp NOT NULL,
  type          text NOT NULL CHECK (type IN ('member_of', 'leads', 'associate_of', 'relative_of', 'uses', 'owns',
                                              'located_at', 'transported', 'paid', 'communicated_with',
                                              'involved_in', 'seized_from', 'same_as')),
  source_id     uuid NOT NULL REFERENCES intel_entities (id),
  target_id     uuid NOT NULL REFERENCES intel_entities (id),
  valid_from    timestamptz,
  valid_to      timestamptz,
  report_id     uuid REFERENCES intel_reports (id),
  description   text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (source_id <> target_id),
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX intel_links_source_idx ON intel_links (source_id);
CREATE INDEX intel_links_target_idx ON intel_links (target_id);
CREATE INDEX intel_links_report_idx ON intel_links (report_id) WHERE report_id IS NOT NULL;

-- A confirmed merge of duplicates is an assertion kept beside the records, never a rewrite of
-- them: the merged entity, its links and identifiers stay exactly as they were (so nobody's
-- visibility changes), readers resolve it to the survivor, and un-merging ends the assertion.
CREATE TABLE intel_entity_merges (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survivor_id  uuid NOT NULL REFERENCES intel_entities (id),
  merged_id    uuid NOT NULL REFERENCES intel_entities (id),
  reason       text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
  merged_by    uuid NOT NULL REFERENCES users (id),
  merged_at    timestamptz NOT NULL DEFAULT now(),
  unmerged_by  uuid REFERENCES users (id),
  unmerged_at  timestamptz,
  CHECK (survivor_id <> merged_id),
  CHECK ((unmerged_by IS NULL) = (unmerged_at IS NULL))
);
-- An entity is merged into at most one survivor at a time.
CREATE UNIQUE INDEX intel_entity_merges_active_key ON intel_entity_merges (merged_id) WHERE unmerged_at IS NULL;
CREATE INDEX intel_entity_merges_survivor_idx ON intel_entity_merges (survivor_id) WHERE unmerged_at IS NULL;

-- Pairs an organisation judged not to be duplicates, so they are not suggested again.
CREATE TABLE intel_duplicate_dismissals (
  org_id        uuid NOT NULL REFERENCES organizations (id),
  entity_a      uuid NOT NULL REFERENCES intel_entities (id),
  entity_b      uuid NOT NULL REFERENCES intel_entities (id),
  dismissed_by  uuid NOT NULL REFERENCES users (id),
  dismissed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, entity_a, entity_b),
  CHECK (entity_a < entity_b)
);
