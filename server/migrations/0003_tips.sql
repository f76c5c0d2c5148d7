-- Confidential tips: nothing about the tipster is stored. The receipt number is kept only as a
-- keyed hash (to find the tip), the passphrase only as an argon2id hash, and times only to
-- the hour.
CREATE TABLE report_categories (
  code      text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  channel   text NOT NULL CHECK (channel IN ('tip', 'unsafe_place', 'conduct')),
  iccs_code text CHECK (iccs_code ~ '^[0-9]{2,6}$'),
  name_es   text NOT NULL,
  name_en   text NOT NULL,
  name_pt   text NOT NULL,
  active    boolean NOT NULL DEFAULT true
);

INSERT INTO report_categories (code, channel, name_es, name_en, name_pt) VALUES
  ('drug_sales', 'tip', 'Punto de venta de drogas', 'Drug sales point', 'Ponto de venda de drogas'),
  ('extortion', 'tip', 'Extorsión', 'Extortion', 'Extorsão'),
  ('trafficking', 'tip', 'Trata o tráfico de personas', 'Trafficking in persons', 'Tráfico de pessoas'),
  ('weapons', 'tip', 'Armas', 'Weapons', 'Armas'),
  ('gang_activity', 'tip', 'Actividad de pandillas o crimen organizado', 'Gang or organised crime activity', 'Atividade de gangues ou crime organizado'),
  ('violence_against_women', 'tip', 'Violencia contra las mujeres', 'Violence against women', 'Violência contra as mulheres'),
  ('corruption', 'tip', 'Corrupción', 'Corruption', 'Corrupção'),
  ('other', 'tip', 'Otro', 'Other', 'Outro');

CREATE TABLE tips (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  receipt_key      text NOT NULL UNIQUE,
  passphrase_hash  text NOT NULL,
  category         text NOT NULL REFERENCES report_categories (code),
  body             text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  location         geometry(Point, 4326),
  location_text    text CHECK (length(location_text) <= 500),
  status           text NOT NULL DEFAULT 'received'
                   CHECK (status IN ('received', 'triaged', 'forwarded', 'in_action', 'closed')),
  received_hour    timestamptz NOT NULL CHECK (received_hour = date_trunc('hour', received_hour))
);
CREATE INDEX tips_status_idx ON tips (status, received_hour);

CREATE TABLE tip_messages (
  seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tip_id        uuid NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
  author        text NOT NULL CHECK (author IN ('reporter', 'staff')),
  staff_user_id uuid REFERENCES users (id),
  body          text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  sent_hour     timestamptz NOT NULL CHECK (sent_hour = date_trunc('hour', sent_hour)),
  CHECK ((author = 'staff') = (staff_user_id IS NOT NULL))
);
CREATE INDEX tip_messages_tip_idx ON tip_messages (tip_id, seq);
