-- Incidents: crimes and calls for service as analysed by the platform, each a TLP record like
-- notes (record type 'incident' in record_sharing_groups / record_recipients).
--
-- ICCS (UNODC v1.0): the sections and level-2 divisions of docs/reference/iccs-and-open311.md.
-- `verified` is true only where the English name is marked V there (quoted by an OAS page that
-- cites the ICCS PDF); every other row waits for a check against the UNODC text. Spanish is
-- NULL where no official wording was found (readers fall back to English); Portuguese is
-- Alianza's translation, to be reviewed.
CREATE TABLE iccs_categories (
  code     text PRIMARY KEY CHECK (code ~ '^[0-9]{2}([0-9]{2})?$'),
  level    smallint NOT NULL CHECK (level IN (1, 2)),
  parent   text REFERENCES iccs_categories (code),
  name_es  text,
  name_en  text NOT NULL,
  name_pt  text NOT NULL,
  verified boolean NOT NULL DEFAULT false,
  CHECK (length(code) = level * 2),
  CHECK ((level = 1) = (parent IS NULL)),
  CHECK (parent IS NULL OR left(code, 2) = parent)
);

INSERT INTO iccs_categories (code, level, parent, name_es, name_en, name_pt, verified) VALUES
  ('01', 1, NULL, 'Actos que causan la muerte o que tienen la intención de causar la muerte', 'Acts leading to death or intending to cause death', 'Atos que causam a morte ou que têm a intenção de causar a morte', false),
  ('02', 1, NULL, 'Actos que causan daños o que tienen la intención de causar daños a las personas', 'Acts causing harm or intending to cause harm to the person', 'Atos que causam dano ou que têm a intenção de causar dano à pessoa', false),
  ('03', 1, NULL, 'Actos lesivos de naturaleza sexual', 'Injurious acts of a sexual nature', 'Atos lesivos de natureza sexual', false),
  ('04', 1, NULL, 'Actos contra la propiedad que entrañan violencia o amenaza de violencia contra las personas', 'Acts against property involving violence or threat against a person', 'Atos contra o patrimônio que envolvem violência ou ameaça contra a pessoa', false),
  ('05', 1, NULL, 'Actos contra la propiedad solamente', 'Acts against property only', 'Atos somente contra o patrimônio', false),
  ('06', 1, NULL, 'Actos que conllevan el uso de sustancias psicoactivas u otras drogas', 'Acts involving controlled drugs or other psychoactive substances', 'Atos que envolvem drogas controladas ou outras substâncias psicoativas', false),
  ('07', 1, NULL, 'Actos que conllevan fraude, engaño o corrupción', 'Acts involving fraud, deception or corruption', 'Atos que envolvem fraude, engano ou corrupção', false),
  ('08', 1, NULL, 'Actos contra el orden público, la autoridad y las disposiciones del Estado', 'Acts against public order, authority and provisions of the State', 'Atos contra a ordem pública, a autoridade e as disposições do Estado', false),
  ('09', 1, NULL, 'Actos contra la seguridad pública y la seguridad del Estado', 'Acts against public safety and state security', 'Atos contra a segurança pública e a segurança do Estado', true),
  ('10', 1, NULL, 'Actos contra el entorno natural', 'Acts against the natural environment', 'Atos contra o meio ambiente natural', false),
  ('11', 1, NULL, 'Otros actos delictivos no clasificados en otra parte', 'Other criminal acts not elsewhere classified', 'Outros atos criminosos não classificados em outra parte', false),
  ('0101', 2, '01', 'Homicidio intencional', 'Intentional homicide', 'Homicídio intencional', true),
  ('0102', 2, '01', 'Tentativa de homicidio intencional', 'Attempted intentional homicide', 'Tentativa de homicídio intencional', true),
  ('0103', 2, '01', 'Homicidio no intencional', 'Non-intentional homicide', 'Homicídio não intencional', true),
  ('0104', 2, '01', 'Suicidio asistido o incitación al suicidio', 'Assisting or instigating suicide', 'Auxílio ou instigação ao suicídio', true),
  ('0105', 2, '01', 'Eutanasia', 'Euthanasia', 'Eutanásia', true),
  ('0106', 2, '01', 'Feticidio ilegal', 'Illegal feticide', 'Feticídio ilegal', true),
  ('0107', 2, '01', 'Homicidio ilícito relacionado con conflictos armados', 'Unlawful killing associated with armed conflict', 'Homicídio ilícito associado a conflito armado', true),
  ('0109', 2, '01', 'Otros actos que causan la muerte o que tienen la intención de causar la muerte', 'Other acts leading to death or intending to cause death', 'Outros atos que causam a morte ou que têm a intenção de causar a morte', true),
  ('0201', 2, '02', NULL, 'Assaults and threats', 'Agressões e ameaças', false),
  ('0202', 2, '02', NULL, 'Acts against liberty', 'Atos contra a liberdade', false),
  ('0203', 2, '02', NULL, 'Slavery and exploitation', 'Escravidão e exploração', true),
  ('0204', 2, '02', NULL, 'Trafficking in persons', 'Tráfico de pessoas', true),
  ('0205', 2, '02', NULL, 'Coercion', 'Coação', true),
  ('0206', 2, '02', NULL, 'Negligence', 'Negligência', false),
  ('0207', 2, '02', NULL, 'Dangerous acts', 'Atos perigosos', false),
  ('0208', 2, '02', NULL, 'Acts intended to induce fear or emotional distress', 'Atos destinados a provocar medo ou sofrimento emocional', false),
  ('0209', 2, '02', NULL, 'Defamation or insult', 'Difamação ou injúria', false),
  ('0210', 2, '02', NULL, 'Discrimination', 'Discriminação', false),
  ('0211', 2, '02', NULL, 'Acts that trespass against the person', 'Atos que invadem a esfera pessoal', false),
  ('0219', 2, '02', NULL, 'Other acts causing harm or intending to cause harm to the person', 'Outros atos que causam dano ou que têm a intenção de causar dano à pessoa', false),
  ('0301', 2, '03', NULL, 'Sexual violence', 'Violência sexual', true),
  ('0302', 2, '03', NULL, 'Sexual exploitation', 'Exploração sexual', true),
  ('0309', 2, '03', NULL, 'Other injurious acts of a sexual nature', 'Outros atos lesivos de natureza sexual', false),
  ('0401', 2, '04', NULL, 'Robbery', 'Roubo', true),
  ('0409', 2, '04', NULL, 'Other acts against property involving violence or threat against a person', 'Outros atos contra o patrimônio que envolvem violência ou ameaça contra a pessoa', false),
  ('0501', 2, '05', NULL, 'Burglary', 'Furto com invasão de domicílio/estabelecimento', true),
  ('0502', 2, '05', NULL, 'Theft', 'Furto', true),
  ('0503', 2, '05', NULL, 'Intellectual property offences', 'Crimes contra a propriedade intelectual', false),
  ('0504', 2, '05', NULL, 'Property damage', 'Dano ao patrimônio', true),
  ('0509', 2, '05', NULL, 'Other acts against property only', 'Outros atos somente contra o patrimônio', false),
  ('0601', 2, '06', NULL, 'Unlawful acts involving controlled drugs or precursors', 'Atos ilícitos envolvendo drogas controladas ou precursores', false),
  ('0602', 2, '06', NULL, 'Unlawful acts involving alcohol, tobacco or other controlled substances', 'Atos ilícitos envolvendo álcool, tabaco ou outras substâncias controladas', false),
  ('0609', 2, '06', NULL, 'Other acts involving controlled drugs or other psychoactive substances', 'Outros atos envolvendo drogas controladas ou outras substâncias psicoativas', false),
  ('0701', 2, '07', NULL, 'Fraud', 'Fraude (estelionato)', true),
  ('0702', 2, '07', NULL, 'Forgery/counterfeiting', 'Falsificação', false),
  ('0703', 2, '07', NULL, 'Corruption', 'Corrupção', false),
  ('0704', 2, '07', NULL, 'Acts involving proceeds of crime', 'Atos envolvendo produtos do crime', false),
  ('0709', 2, '07', NULL, 'Other acts involving fraud, deception or corruption', 'Outros atos envolvendo fraude, engano ou corrupção', false),
  ('0801', 2, '08', NULL, 'Acts against public order behavioural standards', 'Atos contra normas de conduta da ordem pública', false),
  ('0802', 2, '08', NULL, 'Acts against public order sexual standards', 'Atos contra normas sexuais da ordem pública', true),
  ('0803', 2, '08', NULL, 'Acts related to freedom of expression or control of expression', 'Atos relacionados à liberdade ou ao controle de expressão', false),
  ('0804', 2, '08', NULL, 'Acts contrary to public revenue or regulatory provisions', 'Atos contrários à receita pública ou a disposições regulatórias', false),
  ('0805', 2, '08', NULL, 'Acts related to migration', 'Atos relacionados à migração', false),
  ('0806', 2, '08', NULL, 'Acts against the justice system', 'Atos contra o sistema de justiça', false),
  ('0807', 2, '08', NULL, 'Acts related to democratic elections', 'Atos relacionados a eleições democráticas', false),
  ('0808', 2, '08', NULL, 'Acts contrary to labour law', 'Atos contrários à legislação trabalhista', false),
  ('0809', 2, '08', NULL, 'Other acts against public order, authority and provisions of the State', 'Outros atos contra a ordem pública, a autoridade e as disposições do Estado', false),
  ('0901', 2, '09', NULL, 'Acts involving weapons, explosives and other destructive materials', 'Atos envolvendo armas, explosivos e outros materiais destrutivos', true),
  ('0902', 2, '09', NULL, 'Acts against health and safety', 'Atos contra a saúde e a segurança', true),
  ('0903', 2, '09', NULL, 'Acts against computer systems', 'Atos contra sistemas informáticos', true),
  ('0904', 2, '09', NULL, 'Acts against state security', 'Atos contra a segurança do Estado', true),
  ('0905', 2, '09', NULL, 'Acts related to an organized criminal group', 'Atos relacionados a grupo criminoso organizado', true),
  ('0906', 2, '09', NULL, 'Terrorism', 'Terrorismo', true),
  ('0909', 2, '09', NULL, 'Other acts against public safety and state security', 'Outros atos contra a segurança pública e a segurança do Estado', true),
  ('1001', 2, '10', NULL, 'Acts that cause environmental pollution or degradation', 'Atos que causam poluição ou degradação ambiental', true),
  ('1002', 2, '10', NULL, 'Acts involving the movement or dumping of waste', 'Atos envolvendo transporte ou despejo de resíduos', true),
  ('1003', 2, '10', NULL, 'Trade or possession of protected or prohibited species of fauna and flora', 'Comércio ou posse de espécies protegidas ou proibidas da fauna e da flora', false),
  ('1004', 2, '10', NULL, 'Acts that result in the depletion or degradation of natural resources', 'Atos que resultam no esgotamento ou degradação de recursos naturais', false),
  ('1009', 2, '10', NULL, 'Other acts against the natural environment', 'Outros atos contra o meio ambiente natural', false),
  ('1101', 2, '11', NULL, 'Acts under universal jurisdiction', 'Atos sob jurisdição universal', false),
  ('1102', 2, '11', NULL, 'Acts contrary to youth regulations and acts against minors', 'Atos contrários a normas sobre jovens e atos contra menores', false),
  ('1109', 2, '11', NULL, 'Other criminal acts not elsewhere classified', 'Outros atos criminosos não classificados em outra parte', false);

-- The full ICCS code (2, 4, 5 or 6 digits) is stored; higher levels are its prefixes. No
-- foreign key: level-3 and level-4 codes are valid but not all shipped. NULL = not classified
-- (e.g. non-criminal calls for service), the source's own label kept in source_category.
CREATE TABLE incidents (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_org_id         uuid NOT NULL REFERENCES organizations (id),
  created_by           uuid NOT NULL REFERENCES users (id),
  tlp                  tlp NOT NULL,
  iccs_code            text CHECK (iccs_code ~ '^(0[1-9]|1[01])([0-9]{2}([0-9]{1,2})?)?$'),
  source_category      text CHECK (length(source_category) <= 200),
  occurred_from        timestamptz NOT NULL,
  occurred_to          timestamptz,
  reported_at          timestamptz,
  location             geometry(Point, 4326),
  location_precision_m real CHECK (location_precision_m >= 0),
  address_text         text CHECK (length(address_text) <= 500),
  admin_area_org_id    uuid REFERENCES organizations (id),
  source               text NOT NULL CHECK (source IN ('police_record', 'tip', 'import', 'partner')),
  external_id          text CHECK (length(external_id) <= 200),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (occurred_to IS NULL OR occurred_to >= occurred_from),
  UNIQUE (owner_org_id, source, external_id)
);
CREATE INDEX incidents_location_idx ON incidents USING gist (location);
CREATE INDEX incidents_iccs_idx ON incidents (iccs_code text_pattern_ops);
CREATE INDEX incidents_occurred_idx ON incidents (occurred_from);
CREATE INDEX incidents_owner_idx ON incidents (owner_org_id, occurred_from DESC);

-- The administrative area is the smallest jurisdiction covering the point (the most local
-- organisation where areas overlap), computed in the database so every writer, imports
-- included, gets the same answer.
CREATE FUNCTION incidents_admin_area() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
CREATE TRIGGER incidents_admin_area_insert BEFORE INSERT ON incidents
  FOR EACH ROW EXECUTE FUNCTION incidents_admin_area();
CREATE TRIGGER incidents_admin_area_update BEFORE UPDATE OF location ON incidents
  FOR EACH ROW EXECUTE FUNCTION incidents_admin_area();

-- An organisation's mapping from its own category labels to ICCS (NULL: known, not a crime).
CREATE TABLE category_mappings (
  owner_org_id    uuid NOT NULL REFERENCES organizations (id),
  source_category text NOT NULL CHECK (length(source_category) BETWEEN 1 AND 200),
  iccs_code       text CHECK (iccs_code ~ '^(0[1-9]|1[01])([0-9]{2}([0-9]{1,2})?)?$'),
  PRIMARY KEY (owner_org_id, source_category)
);
