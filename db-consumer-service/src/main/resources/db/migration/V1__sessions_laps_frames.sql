-- Sessions, laps and frames, as db-consumer-service writes them.

-- One driving session of one user, created from its first record.
CREATE TABLE sessions (
    id                  bigserial PRIMARY KEY,
    user_id             text        NOT NULL,              -- '' for the shared telemetry topic
    session_id          text        NOT NULL,              -- the record key, chosen by the collector
    game                text,
    track               text,
    track_configuration text,
    car                 text,
    driver              text,
    session_type        text,
    source              text,
    track_length_m      real,
    sector_count        integer,
    started_at          timestamptz NOT NULL,              -- session start, else first record
    last_frame_at       timestamptz,                       -- timestamp of the newest frame
    last_seen_at        timestamptz NOT NULL,              -- when the service last stored a record of it
    ended_at            timestamptz,
    end_reason          text,                              -- FINISHED, GAME_SILENT, ..., INACTIVE
    frame_count         bigint      NOT NULL DEFAULT 0,
    last_sequence       bigint      NOT NULL DEFAULT 0,    -- sequence of the newest stored frame
    -- The lap being driven and what is known of it: the lap detector resumes from this after a
    -- restart. Written in the same transaction as the frames it reflects.
    lap_state           jsonb,
    UNIQUE (user_id, session_id)
);

CREATE INDEX sessions_by_user ON sessions (user_id, started_at DESC);
CREATE INDEX sessions_open ON sessions (last_seen_at) WHERE ended_at IS NULL;

-- A lap of a session, detected on the server.
CREATE TABLE laps (
    session_ref     bigint      NOT NULL REFERENCES sessions (id),
    lap_number      integer     NOT NULL,
    lap_time_ms     integer     NOT NULL,
    time_source     text        NOT NULL,                  -- GAME or FRAMES
    valid           boolean     NOT NULL,
    out_lap         boolean     NOT NULL,                  -- started in the pit lane
    in_lap          boolean     NOT NULL,                  -- entered the pit lane
    partial         boolean     NOT NULL,                  -- the session joined it after the line
    sector_times_ms integer[],
    started_at      timestamptz,
    ended_at        timestamptz,
    first_sequence  bigint,
    last_sequence   bigint,
    PRIMARY KEY (session_ref, lap_number)
);

-- One row per frame, every channel of TelemetryFrame a column; a per-wheel set is four columns
-- (_fl front left, _fr front right, _rl rear left, _rr rear right), null when the game sends none.
-- Plain columns rather than real[4]: a third of the row size and much cheaper to COPY in.
CREATE TABLE telemetry_frames (
    session_ref             bigint      NOT NULL,
    sequence                bigint      NOT NULL,
    time                    timestamptz NOT NULL,
    lap_number              integer     NOT NULL,
    lap_time_ms             integer     NOT NULL,
    session_time_s          real,
    session_type            integer     NOT NULL,
    track_position          integer     NOT NULL,
    delta_ms                integer     NOT NULL,
    normalized_position     real        NOT NULL,
    speed_kmh               real        NOT NULL,
    throttle                real        NOT NULL,
    brake                   real        NOT NULL,
    clutch                  real        NOT NULL,
    steering                real        NOT NULL,
    gear                    integer     NOT NULL,
    raw_gear                integer     NOT NULL,
    rpm                     integer     NOT NULL,
    engine_rpm              real        NOT NULL,
    limiter_active          boolean     NOT NULL,
    world_x                 real        NOT NULL,
    world_y                 real        NOT NULL,
    world_z                 real        NOT NULL,
    g_lateral               real        NOT NULL,
    g_longitudinal          real        NOT NULL,
    g_vertical              real        NOT NULL,
    tyre_pressure_fl         real,
    tyre_pressure_fr         real,
    tyre_pressure_rl         real,
    tyre_pressure_rr         real,
    tyre_core_temperature_fl real,
    tyre_core_temperature_fr real,
    tyre_core_temperature_rl real,
    tyre_core_temperature_rr real,
    brake_temperature_fl     real,
    brake_temperature_fr     real,
    brake_temperature_rl     real,
    brake_temperature_rr     real,
    wheel_slip_fl            real,
    wheel_slip_fr            real,
    wheel_slip_rl            real,
    wheel_slip_rr            real,
    wheel_angular_speed_fl   real,
    wheel_angular_speed_fr   real,
    wheel_angular_speed_rl   real,
    wheel_angular_speed_rr   real,
    tyre_load_fl             real,
    tyre_load_fr             real,
    tyre_load_rl             real,
    tyre_load_rr             real,
    suspension_travel_fl     real,
    suspension_travel_fr     real,
    suspension_travel_rl     real,
    suspension_travel_rr     real,
    fuel_l                  real        NOT NULL,
    abs_enabled             boolean     NOT NULL,
    abs_active              boolean     NOT NULL,
    tc_enabled              boolean     NOT NULL,
    tc_active               boolean     NOT NULL,
    pit_state               integer     NOT NULL,
    flag                    integer     NOT NULL,
    lap_valid               boolean,
    sector                  integer     NOT NULL,
    last_lap_time_ms        integer     NOT NULL,
    best_lap_time_ms        integer     NOT NULL,
    CONSTRAINT telemetry_frames_pkey PRIMARY KEY (session_ref, sequence)
);

-- Where each partition of each topic has been stored up to, committed with the rows: the
-- service seeks here on assignment, which makes the store exactly once.
CREATE TABLE consumer_offsets (
    consumer_group  text    NOT NULL,
    topic           text    NOT NULL,
    partition       integer NOT NULL,
    next_offset     bigint  NOT NULL,
    PRIMARY KEY (consumer_group, topic, partition)
);

-- With TimescaleDB the frames are a hypertable on their time (its unique keys must hold the
-- time, hence the wider primary key); on plain PostgreSQL a BRIN index fits rows that arrive
-- in time order.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        CREATE EXTENSION IF NOT EXISTS timescaledb;
        ALTER TABLE telemetry_frames DROP CONSTRAINT telemetry_frames_pkey;
        ALTER TABLE telemetry_frames ADD CONSTRAINT telemetry_frames_pkey PRIMARY KEY (session_ref, sequence, time);
        PERFORM create_hypertable('telemetry_frames', 'time', chunk_time_interval => interval '1 day');
    ELSE
        CREATE INDEX telemetry_frames_time ON telemetry_frames USING brin (time);
    END IF;
END
$$;
