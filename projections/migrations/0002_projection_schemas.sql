-- Each projection keeps its tables in a schema of its own (proj_<name>),
-- created by its projector from the DDL kept next to its code
-- (projections/models/), not by these migrations. A rebuild writes a second
-- schema (proj_<name>_next) under its own checkpoint row and is swapped in by
-- renaming both schemas in one transaction. See projections/READ_MODELS.md.

-- The projection code version that built the tables this row describes; a
-- build with another version leaves them alone until they are rebuilt.
ALTER TABLE projection_checkpoints ADD COLUMN version integer NOT NULL DEFAULT 0;

-- Trigram indexes and similarity ranking for search (PostgreSQL contrib;
-- a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Event timestamps are microseconds since the Unix epoch; these convert them
-- exactly (no floating point on the way).
CREATE FUNCTION us_to_timestamptz(us bigint) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN timestamptz 'epoch' + us * interval '1 microsecond';

CREATE FUNCTION timestamptz_to_us(t timestamptz) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN (extract(epoch FROM t) * 1000000)::bigint;
