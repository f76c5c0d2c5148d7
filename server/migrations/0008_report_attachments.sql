-- Images residents attach to their reports. Only the re-encoded image is kept (no EXIF, GPS,
-- XMP, IPTC or ICC metadata survive re-encoding), never the uploaded file, its name or its
-- claimed type; times only to the hour, like the report itself.
CREATE TABLE report_attachments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id     uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  -- Order within the report (1, 2, …). No global sequence: it would order uploads across
  -- reports more finely than the hour.
  position      integer NOT NULL CHECK (position > 0),
  media_type    text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp')),
  byte_size     integer NOT NULL CHECK (byte_size > 0),
  width         integer NOT NULL CHECK (width > 0),
  height        integer NOT NULL CHECK (height > 0),
  -- SHA-256 of the stored bytes: re-encoding is deterministic, so an upload sent again after a
  -- dropped connection finds the attachment it already made.
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content       bytea NOT NULL CHECK (octet_length(content) = byte_size),
  received_hour timestamptz NOT NULL CHECK (received_hour = date_trunc('hour', received_hour)),
  UNIQUE (report_id, sha256),
  UNIQUE (report_id, position)
);
