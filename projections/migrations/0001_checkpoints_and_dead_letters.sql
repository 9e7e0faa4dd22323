-- Where each projector stands in the event log. A projector writes its rows
-- and its checkpoint in one transaction, so `position` is exactly the last
-- event whose effects are in its tables.
CREATE TABLE projection_checkpoints (
  -- The projector's name, e.g. 'followers'.
  projection text PRIMARY KEY,
  -- Global log position of the last event applied; 0 before the first.
  position bigint NOT NULL DEFAULT 0 CHECK (position >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- What the projector is doing: 'running', 'halted' (stopped on a failing
  -- event, see last_error), 'replaying'.
  status text NOT NULL DEFAULT 'running',
  -- Why it halted, or the last error it recovered from; NULL when none.
  last_error text
);

-- Events a projector could not apply, when its policy is to record them and
-- carry on rather than halt. Keyed by (projection, position), so applying the
-- same event again after a crash records it once.
CREATE TABLE dead_letters (
  projection text NOT NULL,
  position bigint NOT NULL CHECK (position > 0),
  -- The event's dotted type, e.g. 'chat.message'.
  event_type text NOT NULL,
  error text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (projection, position)
);
