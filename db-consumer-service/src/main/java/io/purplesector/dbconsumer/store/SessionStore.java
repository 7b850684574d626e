package io.purplesector.dbconsumer.store;

import io.purplesector.dbconsumer.lap.LapState;
import io.purplesector.telemetry.proto.SessionEnded;
import io.purplesector.telemetry.proto.SessionStarted;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The {@code sessions} table: one row per session, with what the lap detector needs to resume. */
@Component
public class SessionStore {

    /** What the store knows of a session when a consumer picks it up. */
    public record StoredSession(long id, long lastSequence, LapState lapState) {
    }

    /**
     * What one batch changed in a session.
     *
     * @param lastFrameAt timestamp of the batch's newest frame of the session, null when it had none
     */
    public record Progress(long id, int framesAdded, long lastSequence, @Nullable Long lastFrameAt, LapState lapState) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json;

    SessionStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
    }

    /** The stored session, created (started at {@code firstRecordAt}) when it is new. */
    public StoredSession open(String userId, String sessionId, long firstRecordAt) {
        // The no-op update makes RETURNING give the existing row too: one round trip either way.
        return jdbc.sql("""
                INSERT INTO sessions (user_id, session_id, started_at, last_seen_at) VALUES (?, ?, ?, now())
                ON CONFLICT (user_id, session_id) DO UPDATE SET user_id = EXCLUDED.user_id
                RETURNING id, last_sequence, lap_state""")
                .params(text(userId), text(sessionId), time(firstRecordAt))
                .query((rs, row) -> {
                    String state = rs.getString(3);
                    return new StoredSession(rs.getLong(1), rs.getLong(2),
                            state == null ? LapState.NEW : json.readValue(state, LapState.class));
                })
                .single();
    }

    /** Records what the session's start message says about it. */
    public void start(long id, SessionStarted started) {
        jdbc.sql("""
                UPDATE sessions SET game = ?, track = ?, track_configuration = ?, car = ?, driver = ?,
                    session_type = ?, source = ?, track_length_m = ?, sector_count = ?,
                    started_at = COALESCE(?, started_at)
                WHERE id = ?""")
                .params(started.getGame().name(), text(started.getTrack()), text(started.getTrackConfiguration()),
                        text(started.getCar()), text(started.getDriver()), started.getSessionType().name(),
                        text(started.getSource()), started.getTrackLength(), started.getSectorCount(),
                        started.getStartedAt() > 0 ? time(started.getStartedAt()) : null, id)
                .update();
    }

    /** Closes the session as its end message says. */
    public void end(long id, SessionEnded ended) {
        jdbc.sql("UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ?")
                .params(ended.getEndedAt() > 0 ? time(ended.getEndedAt()) : OffsetDateTime.now(ZoneOffset.UTC),
                        ended.getReason().name(), id)
                .update();
    }

    /**
     * Stores what a batch did to its sessions. A session closed for inactivity that sends frames
     * again is open again.
     */
    public void saveProgress(List<Progress> sessions) {
        if (sessions.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("""
                UPDATE sessions SET frame_count = frame_count + ?, last_sequence = ?,
                    last_frame_at = GREATEST(last_frame_at, ?), last_seen_at = now(), lap_state = ?::jsonb,
                    ended_at = CASE WHEN end_reason = 'INACTIVE' AND ? > 0 THEN NULL ELSE ended_at END,
                    end_reason = CASE WHEN end_reason = 'INACTIVE' AND ? > 0 THEN NULL ELSE end_reason END
                WHERE id = ?""", sessions, sessions.size(), (ps, session) -> {
                    ps.setInt(1, session.framesAdded());
                    ps.setLong(2, session.lastSequence());
                    LapStore.setTime(ps, 3, session.lastFrameAt());
                    ps.setString(4, json.writeValueAsString(session.lapState()));
                    ps.setInt(5, session.framesAdded());
                    ps.setInt(6, session.framesAdded());
                    ps.setLong(7, session.id());
                });
    }

    /**
     * Closes the open sessions nothing was stored for during {@code inactivity}.
     *
     * @return how many were closed
     */
    public int closeInactive(Duration inactivity) {
        return jdbc.sql("""
                UPDATE sessions SET ended_at = COALESCE(last_frame_at, last_seen_at), end_reason = 'INACTIVE'
                WHERE ended_at IS NULL AND last_seen_at < now() - make_interval(secs => ?)""")
                .param(inactivity.toMillis() / 1000.0)
                .update();
    }

    private static OffsetDateTime time(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    /** PostgreSQL text cannot hold NUL characters; a game's strings sometimes do. */
    private static String text(String value) {
        return value.indexOf('\0') < 0 ? value : value.replace("\0", "");
    }
}
