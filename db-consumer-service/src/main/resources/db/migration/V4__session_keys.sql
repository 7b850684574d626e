-- A session is found by its user and its id (the topic it came on and the record key); it is
-- stored under its number, session_ref, which its laps and frames carry. The one is mapped to
-- the other here rather than by a unique key on sessions, so that every unique key of a table
-- holds the column a distributed PostgreSQL (Citus) spreads that table by: session_keys by
-- user_id, sessions by id, laps and frames by session_ref (V5, docs/SCALING.md).
CREATE TABLE session_keys (
    user_id     text   NOT NULL,
    session_id  text   NOT NULL,
    -- No foreign key to sessions: the two are spread by different columns, and Citus takes a
    -- foreign key only between tables spread alike. The service writes both in one transaction.
    session_ref bigint NOT NULL,
    PRIMARY KEY (user_id, session_id)
);

INSERT INTO session_keys (user_id, session_id, session_ref) SELECT user_id, session_id, id FROM sessions;

ALTER TABLE sessions DROP CONSTRAINT sessions_user_id_session_id_key;
