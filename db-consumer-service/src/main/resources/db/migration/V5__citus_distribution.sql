-- On Citus (the extension installed, as in compose's citus profile) the tables are spread over
-- its workers by session: sessions by their number, and each session's laps and frames on the
-- same shard (co-located), so that a batch's writes and every query of a session stay on one
-- worker; the map from a user's session ids to those numbers by user. consumer_offsets and
-- dead_letter_outbox stay on the coordinator, written in the same transaction. TimescaleDB's
-- hypertable (V1) and Citus do not go together: with both present the frames stay a hypertable.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')
            AND NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        -- One connection per worker for the whole migration: Citus refuses a transaction that
        -- reaches tables joined by a foreign key over parallel connections and then over one.
        PERFORM set_config('citus.multi_shard_modify_mode', 'sequential', true);
        PERFORM create_distributed_table('sessions', 'id');
        PERFORM create_distributed_table('laps', 'session_ref', colocate_with => 'sessions');
        PERFORM create_distributed_table('telemetry_frames', 'session_ref', colocate_with => 'sessions');
        PERFORM create_distributed_table('session_keys', 'user_id');
    END IF;
END
$$;
