-- Parley's shared state with parley.store=postgres: what every replica must see the same.

-- Keys every replica shares (server key, token signing key, media URL key), base64. Created by whichever replica
-- asks first (INSERT ... ON CONFLICT DO NOTHING), never replaced.
CREATE TABLE key_material (
    name       text PRIMARY KEY,
    value      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Rooms: a name mapped to one session. A row without a session is a reservation: the replica holding it is
-- creating the session; one older than the stale limit may be taken over.
CREATE TABLE room (
    name               text PRIMARY KEY,
    session_id         text,
    media_mode         text,
    archive_mode       text,
    moderator_key_hash text,
    created_at         timestamptz,
    reservation        text,
    reserved_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (session_id IS NOT NULL OR reservation IS NOT NULL)
);

-- The embedded platform's sessions.
CREATE TABLE embedded_session (
    id           text PRIMARY KEY,
    media_mode   text        NOT NULL,
    archive_mode text        NOT NULL,
    created_at   timestamptz NOT NULL
);

-- The latest state Parley knows of each Vonage archive (from callbacks, start/stop answers and reads), as JSON.
CREATE TABLE vonage_archive_state (
    archive_id text PRIMARY KEY,
    archive    text        NOT NULL,
    seen_at    timestamptz NOT NULL
);

-- Archive status callbacks waiting for delivery. seq orders an archive's changes; a row is claimed by one replica
-- for a lease; delivered rows are deleted, abandoned ones kept with their reason.
CREATE TABLE callback_outbox (
    seq          bigserial PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    archive_id   text        NOT NULL,
    change       text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    attempts     integer     NOT NULL DEFAULT 0,
    due_at       timestamptz NOT NULL DEFAULT now(),
    claimed_by   text,
    claim_until  timestamptz,
    last_error   text,
    abandoned_at timestamptz
);
CREATE INDEX callback_outbox_by_archive ON callback_outbox (archive_id, seq) WHERE abandoned_at IS NULL;
CREATE INDEX callback_outbox_by_due ON callback_outbox (due_at, seq) WHERE abandoned_at IS NULL;
