-- Correlation (docs/intelligence.md): an index from each normalised identifier value to the
-- entities holding it, hit/no-hit answers for values held in records the searcher may not
-- see, and the contact requests that follow a hit.
--
-- One row per occurrence, not per pair of occurrences: a value held by n entities costs n
-- rows here, where a pair table (as in MISP) costs n(n-1)/2 and grows with the square of
-- repeated values. Matches are found by an index scan on (kind, value); the entity's own
-- visibility decides what the searcher is shown.
CREATE TABLE intel_identifiers (
  kind       text NOT NULL CHECK (kind IN ('phone', 'email', 'plate', 'iban', 'bank_account', 'card', 'crypto_wallet',
                                           'imei', 'document', 'vin', 'container')),
  value      text NOT NULL CHECK (length(value) BETWEEN 1 AND 200),
  entity_id  uuid NOT NULL REFERENCES intel_entities (id),
  PRIMARY KEY (kind, value, entity_id)
);
-- To replace an entity's identifiers when it is edited.
CREATE INDEX intel_identifiers_entity_idx ON intel_identifiers (entity_id);

-- A hit: the searcher's value is held in records of `owner_org_id` that the searcher may not
-- see. Each answer makes new hits (fresh ids), so that two hits never show that two values
-- belong to one hidden record. The organisation is named to the searcher only when a record
-- is AMBER (owner_named); for AMBER+STRICT only "a partner organisation" is said. RED records
-- make no hit at all.
CREATE TABLE intel_hits (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  searcher_user_id  uuid NOT NULL REFERENCES users (id),
  searcher_org_id   uuid REFERENCES organizations (id),
  owner_org_id      uuid NOT NULL REFERENCES organizations (id),
  owner_named       boolean NOT NULL,
  kind              text NOT NULL,
  value             text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intel_hits_searcher_idx ON intel_hits (searcher_user_id, created_at DESC);
CREATE INDEX intel_hits_owner_idx ON intel_hits (owner_org_id, created_at DESC);

CREATE TABLE intel_hit_entities (
  hit_id     uuid NOT NULL REFERENCES intel_hits (id) ON DELETE CASCADE,
  entity_id  uuid NOT NULL REFERENCES intel_entities (id),
  PRIMARY KEY (hit_id, entity_id)
);

-- The searcher asks the owner for contact about a hit; the owner's coordinators accept
-- (sharing the records through a sharing group, or a RED copy for the requester) or decline.
CREATE TABLE intel_contact_requests (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hit_id             uuid NOT NULL UNIQUE REFERENCES intel_hits (id),
  requester_user_id  uuid NOT NULL REFERENCES users (id),
  requester_org_id   uuid REFERENCES organizations (id),
  owner_org_id       uuid NOT NULL REFERENCES organizations (id),
  message            text NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  response           text NOT NULL DEFAULT '' CHECK (length(response) <= 2000),
  shared_via         text CHECK (shared_via IN ('sharing_group', 'copy')),
  sharing_group_id   uuid REFERENCES sharing_groups (id),
  -- What the requester was given: the records themselves (group) or their copies.
  shared_entity_ids  uuid[] NOT NULL DEFAULT '{}',
  decided_by         uuid REFERENCES users (id),
  decided_at         timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK ((status = 'accepted') = (shared_via IS NOT NULL)),
  CHECK ((shared_via = 'sharing_group') = (sharing_group_id IS NOT NULL))
);
CREATE INDEX intel_contact_requests_owner_idx ON intel_contact_requests (owner_org_id, status, created_at DESC);
CREATE INDEX intel_contact_requests_requester_idx ON intel_contact_requests (requester_user_id, created_at DESC);
