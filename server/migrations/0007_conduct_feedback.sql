-- Police-conduct feedback (complaints and commendations). Stored in `reports` with channel
-- 'conduct', the unit concerned in `concerned_org_id` (added by 0005) and the reporter's
-- consent tier. It is handled by an oversight body and never reaches the unit concerned: the
-- constraints and triggers below hold that in the database, whatever the routing rules or a
-- forwarding mistake would do. Kinds follow the code: 'commendation' or 'complaint_*'.
INSERT INTO report_categories (code, channel, name_es, name_en, name_pt) VALUES
  ('complaint_excessive_force', 'conduct', 'Uso excesivo de la fuerza', 'Excessive force', 'Uso excessivo da força'),
  ('complaint_discrimination', 'conduct', 'Discriminación o trato por prejuicio', 'Discrimination or biased treatment', 'Discriminação ou tratamento preconceituoso'),
  ('complaint_corruption', 'conduct', 'Corrupción o pedido de soborno', 'Corruption or bribe request', 'Corrupção ou pedido de propina'),
  ('complaint_disrespect', 'conduct', 'Maltrato o falta de respeto', 'Disrespect or verbal abuse', 'Desrespeito ou abuso verbal'),
  ('complaint_failure_to_act', 'conduct', 'No actuó cuando debía', 'Failure to act', 'Omissão: não agiu quando devia'),
  ('complaint_other', 'conduct', 'Otra queja', 'Other complaint', 'Outra reclamação'),
  ('commendation', 'conduct', 'Reconocimiento o felicitación', 'Commendation', 'Elogio ou reconhecimento');

ALTER TABLE report_categories ADD CONSTRAINT report_categories_conduct_kind_check
  CHECK (channel <> 'conduct' OR code = 'commendation' OR code LIKE 'complaint\_%');

-- public: the oversight body may publish the account as written in its public summaries;
-- public_without_names: only after removing names and identifying details of anyone;
-- anonymous: read and investigated by the oversight body, never published;
-- statistics_only: read only in the oversight body's triage, then only counted.
ALTER TABLE reports
  ADD COLUMN consent_tier text CHECK (consent_tier IN ('public', 'public_without_names', 'anonymous', 'statistics_only')),
  -- When it happened, as the reporter describes it ("Friday night, around 11").
  ADD COLUMN occurred_text text CHECK (length(occurred_text) <= 200),
  ADD CONSTRAINT reports_conduct_fields_check CHECK (
    (channel = 'conduct') = (consent_tier IS NOT NULL) AND (channel = 'conduct') = (concerned_org_id IS NOT NULL)
  ),
  ADD CONSTRAINT reports_conduct_not_to_concerned_check CHECK (concerned_org_id IS NULL OR responsible_org_id IS DISTINCT FROM concerned_org_id);

CREATE INDEX reports_conduct_stats_idx ON reports (concerned_org_id, received_hour) WHERE channel = 'conduct';

-- The unit concerned is a police organisation.
CREATE FUNCTION reports_concerned_is_police() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.concerned_org_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM organizations WHERE id = NEW.concerned_org_id AND type = 'police_agency') THEN
    RAISE EXCEPTION 'the unit concerned by conduct feedback must be a police agency' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER reports_concerned_is_police BEFORE INSERT OR UPDATE OF concerned_org_id ON reports
  FOR EACH ROW EXECUTE FUNCTION reports_concerned_is_police();

-- No forwarded copy of conduct feedback to the unit it concerns, and none at all of feedback
-- given for statistics only (read in the oversight body's triage, then only counted).
CREATE FUNCTION report_forwards_not_to_concerned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM reports WHERE id = NEW.report_id AND concerned_org_id = NEW.owner_org_id) THEN
    RAISE EXCEPTION 'conduct feedback is never forwarded to the unit it concerns' USING ERRCODE = '23514';
  END IF;
  IF EXISTS (SELECT 1 FROM reports WHERE id = NEW.report_id AND consent_tier = 'statistics_only') THEN
    RAISE EXCEPTION 'conduct feedback given for statistics only is never forwarded' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER report_forwards_not_to_concerned BEFORE INSERT OR UPDATE OF report_id, owner_org_id ON report_forwards
  FOR EACH ROW EXECUTE FUNCTION report_forwards_not_to_concerned();
