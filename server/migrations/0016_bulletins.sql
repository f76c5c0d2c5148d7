-- Bulletins: an organisation's analysts and coordinators tell task forces about a new modus
-- operandi, a route, an alert. Each is a TLP record like notes and incidents (record type
-- 'bulletin' in record_sharing_groups / record_recipients) with a validity period and an
-- optional area (a point, a route as a line, or a polygon). Recipients acknowledge them.
CREATE TABLE bulletins (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_org_id uuid NOT NULL REFERENCES organizations (id),
  created_by   uuid NOT NULL REFERENCES users (id),
  tlp          tlp NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('alert', 'modus_operandi', 'route', 'information')),
  title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body         text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  area         geometry(Geometry, 4326) CHECK (area IS NULL OR ST_IsValid(area)),
  valid_from   timestamptz NOT NULL DEFAULT now(),
  valid_until  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until > valid_from)
);
CREATE INDEX bulletins_created_idx ON bulletins (created_at DESC, id DESC);
CREATE INDEX bulletins_owner_idx ON bulletins (owner_org_id, created_at DESC);
CREATE INDEX bulletins_area_idx ON bulletins USING gist (area);

-- One acknowledgement per person and bulletin, on behalf of one of their organisations.
CREATE TABLE bulletin_acknowledgements (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bulletin_id     uuid NOT NULL REFERENCES bulletins (id) ON DELETE CASCADE,
  user_id         uuid NOT NULL REFERENCES users (id),
  org_id          uuid NOT NULL REFERENCES organizations (id),
  acknowledged_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (bulletin_id, user_id)
);
CREATE INDEX bulletin_acknowledgements_org_idx ON bulletin_acknowledgements (bulletin_id, org_id);
