package io.purplesector.dbconsumer.store;

import io.purplesector.dbconsumer.lap.LapState;
import io.purplesector.telemetry.proto.SessionEnded;
import io.purplesector.telemetry.proto.SessionStarted;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The {@code sessions} table: one row per session, with what the lap detector needs to resume. */
@Component
public class SessionStore {

    /**
     * A session's identity: the user whose topic it came on, and its id (the record key). Both
     * are stored as they are, never rewritten, so that a session is found by the key it was
     * stored under: the ingest admits only ids that keep the session id rule (no NUL among others).
     */
    public record SessionKey(String userId, String sessionId) {
    }

    /** What the store knows of a session when a consumer picks it up. */
    public record StoredSession(long id, String userId, String sessionId, long lastSequence, LapState lapState) {
    }

    /** A session to create under its reserved id. */
    public record NewSession(long id, String userId, String sessionId, long startedAt) {
    }

    /**
     * What one batch changed in a session.
     *
     * @param firstFrameAt timestamp of the batch's oldest frame of the session, null when it had none
     * @param lastFrameAt timestamp of the batch's newest frame of the session, null when it had none
     */
    public record Progress(long id, int framesAdded, long lastSequence, @Nullable Long firstFrameAt,
            @Nullable Long lastFrameAt, LapState lapState) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json;

    SessionStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
    }

    /**
     * The sessions among {@code keys} that are stored: their numbers from {@code session_keys},
     * then their rows by number. Two queries that each read one table by the column it is spread
     * by, where a join of the two would cross shards (see {@code V4__session_keys.sql}).
     */
    public Map<SessionKey, StoredSession> find(List<SessionKey> keys) {
        Set<SessionKey> wanted = new HashSet<>(keys);
        // Any of the users with any of the ids matches: the pairs asked for are picked out.
        List<Long> refs = jdbc.sql("""
                SELECT user_id, session_id, session_ref FROM session_keys WHERE user_id = ANY(?) AND session_id = ANY(?)""")
                .params(keys.stream().map(SessionKey::userId).distinct().toArray(String[]::new),
                        keys.stream().map(SessionKey::sessionId).distinct().toArray(String[]::new))
                .query((rs, row) -> Map.entry(new SessionKey(rs.getString(1), rs.getString(2)), rs.getLong(3)))
                .list().stream().filter(stored -> wanted.contains(stored.getKey())).map(Map.Entry::getValue).toList();
        Map<SessionKey, StoredSession> found = new HashMap<>();
        if (refs.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT id, user_id, session_id, last_sequence, lap_state FROM sessions WHERE id = ANY(?)")
                .param(refs.toArray(Long[]::new))
                .query(rs -> {
                    String state = rs.getString(5);
                    StoredSession stored = new StoredSession(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getLong(4), state == null ? LapState.NEW : json.readValue(state, LapState.class));
                    found.put(new SessionKey(stored.userId(), stored.sessionId()), stored);
                });
        return found;
    }

    /** Ids for sessions that may be created in this transaction; unused ones are simply skipped. */
    public List<Long> reserveIds(int count) {
        if (count == 0) {
            return List.of();
        }
        return jdbc.sql("SELECT nextval(pg_get_serial_sequence('sessions', 'id')) FROM generate_series(1, ?)")
                .param(count).query(Long.class).list();
    }

    /**
     * Creates sessions under their reserved ids, each found again by its user and id. Fails (and
     * with it the batch, to be tried again) if another consumer created one of them meanwhile.
     */
    public void create(List<NewSession> sessions) {
        if (sessions.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("INSERT INTO session_keys (user_id, session_id, session_ref) VALUES (?, ?, ?)",
                sessions, sessions.size(), (ps, session) -> {
                    ps.setString(1, session.userId());
                    ps.setString(2, session.sessionId());
                    ps.setLong(3, session.id());
                });
        jdbcTemplate.batchUpdate("""
                INSERT INTO sessions (id, user_id, session_id, started_at, last_seen_at) VALUES (?, ?, ?, ?, now())""",
                sessions, sessions.size(), (ps, session) -> {
                    ps.setLong(1, session.id());
                    ps.setString(2, session.userId());
                    ps.setString(3, session.sessionId());
                    LapStore.setTime(ps, 4, session.startedAt());
                });
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
                    started_at = LEAST(started_at, ?), last_frame_at = GREATEST(last_frame_at, ?),
                    last_seen_at = now(), lap_state = ?::jsonb,
                    ended_at = CASE WHEN end_reason = 'INACTIVE' AND ? > 0 THEN NULL ELSE ended_at END,
                    end_reason = CASE WHEN end_reason = 'INACTIVE' AND ? > 0 THEN NULL ELSE end_reason END
                WHERE id = ?""", sessions, sessions.size(), (ps, session) -> {
                    ps.setInt(1, session.framesAdded());
                    ps.setLong(2, session.lastSequence());
                    LapStore.setTime(ps, 3, session.firstFrameAt());
                    LapStore.setTime(ps, 4, session.lastFrameAt());
                    ps.setString(5, json.writeValueAsString(session.lapState()));
                    ps.setInt(6, session.framesAdded());
                    ps.setInt(7, session.framesAdded());
                    ps.setLong(8, session.id());
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
