-- The embedded platform's media nodes: each writes a heartbeat; one whose heartbeat is older than the lease is dead.
-- A node that leaves keeps its row (its address serves the archives it holds) with an old heartbeat.
CREATE TABLE media_node (
    id           text PRIMARY KEY,
    url          text        NOT NULL,
    load         integer     NOT NULL,
    draining     boolean     NOT NULL,
    heartbeat_at timestamptz NOT NULL
);

-- Which node carries each session. A row is valid while its node heart-beats; a connect to another node then takes it.
CREATE TABLE session_placement (
    session_id text PRIMARY KEY,
    node_id    text        NOT NULL,
    placed_at  timestamptz NOT NULL
);
CREATE INDEX session_placement_by_node ON session_placement (node_id, placed_at);

-- Where each embedded archive and broadcast was made: its files and its record are on that node. By session, so that
-- a session's list gathers what each node made of it.
CREATE TABLE media_location (
    resource_id text PRIMARY KEY,
    session_id  text NOT NULL,
    node_id     text NOT NULL
);
CREATE INDEX media_location_by_session ON media_location (session_id, node_id);
