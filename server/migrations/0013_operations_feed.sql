-- The operations feed: what happened (a new incident, a forwarded tip, a bulletin, a hit),
-- written in the same transaction as the change itself, carrying the markings that decide
-- who may learn of it and never the record's content. The live stream
-- (GET /api/v1/operations/stream) and its replay after a reconnect read it.
--
-- Ordering: `id` is a bigserial, taken when the row is written, so ids can commit out of order
-- (a transaction that took id 7 may commit after one that took id 8). A reader that had
-- delivered 8 would then never deliver 7. So readers never use `id`: a single writer at a
-- time (the sequencer, under an advisory lock) gives committed rows their `position`, in one
-- transaction per batch, counting on from operations_feed_head. Positions therefore become
-- visible in increasing order: once a reader sees position N it has seen every position
-- below N, and a client that resumes after N (Last-Event-ID) misses nothing.
CREATE TABLE operations_feed (
  id                 bigserial PRIMARY KEY,
  position           bigint UNIQUE,
  kind               text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$' AND length(kind) <= 100),
  record_type        text NOT NULL CHECK (record_type ~ '^[a-z][a-z0-9_]*$' AND length(record_type) <= 100),
  record_id          uuid NOT NULL,
  owner_org_id       uuid NOT NULL REFERENCES organizations (id),
  created_by         uuid REFERENCES users (id),
  tlp                tlp NOT NULL,
  sharing_group_ids  uuid[] NOT NULL DEFAULT '{}',
  recipient_user_ids uuid[] NOT NULL DEFAULT '{}',
  -- Identifiers, counts and states only (e.g. how many incidents a batch imported).
  data               jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
  created_at         timestamptz NOT NULL DEFAULT now(),
  -- The distribution rules of docs/access-control.md, as for every TLP record.
  CHECK (cardinality(sharing_group_ids) = 0 OR tlp = 'AMBER'),
  CHECK (cardinality(recipient_user_ids) = 0 OR tlp = 'RED')
);
CREATE INDEX operations_feed_unsequenced_idx ON operations_feed (id) WHERE position IS NULL;
CREATE INDEX operations_feed_record_idx ON operations_feed (record_type, record_id);
CREATE INDEX operations_feed_created_idx ON operations_feed (created_at);

-- The last position given out, and the last position that retention deleted (a client resuming
-- from before it has missed events that no longer exist, and is told to reload).
CREATE TABLE operations_feed_head (
  singleton         boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  position          bigint NOT NULL DEFAULT 0,
  truncated_through bigint NOT NULL DEFAULT 0
);
INSERT INTO operations_feed_head DEFAULT VALUES;
