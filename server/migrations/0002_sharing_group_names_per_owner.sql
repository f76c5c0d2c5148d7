-- A task force's name is unique within its owner organisation only: a platform-wide unique
-- name would let anyone probe for the existence of another organisation's secret group.
DROP INDEX sharing_groups_name_key;
CREATE UNIQUE INDEX sharing_groups_owner_name_key ON sharing_groups (owner_org_id, lower(name));
