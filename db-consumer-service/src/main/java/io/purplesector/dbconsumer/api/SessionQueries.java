package io.purplesector.dbconsumer.api;

import io.purplesector.dbconsumer.store.FrameRows;
import java.io.IOException;
import java.io.Writer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read-only queries over what the consumer stored. */
@Component
class SessionQueries {

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    SessionQueries(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** A session as the API shows it. */
    record SessionView(String sessionId, @Nullable String game, @Nullable String track, @Nullable String car,
            @Nullable String driver, @Nullable String sessionType, OffsetDateTime startedAt,
            @Nullable OffsetDateTime endedAt, @Nullable String endReason, long frames, int laps,
            @Nullable Integer bestLapTimeMs) {
    }

    /** A lap as the API shows it. */
    record LapView(int lapNumber, int lapTimeMs, String timeSource, boolean valid, boolean outLap, boolean inLap,
            boolean partial, @Nullable List<Integer> sectorTimesMs, @Nullable OffsetDateTime startedAt,
            @Nullable OffsetDateTime endedAt, @Nullable Long firstSequence, @Nullable Long lastSequence) {
    }

    /** The range of stored frames of one lap. */
    record FrameRange(long sessionRef, long firstSequence, long lastSequence) {
    }

    List<SessionView> sessions(String userId) {
        return jdbc.sql("""
                SELECT s.session_id, s.game, s.track, s.car, s.driver, s.session_type, s.started_at, s.ended_at,
                       s.end_reason, s.frame_count, count(l.lap_number) AS laps,
                       min(l.lap_time_ms) FILTER (WHERE l.valid) AS best
                FROM sessions s LEFT JOIN laps l ON l.session_ref = s.id
                WHERE s.user_id = ?
                GROUP BY s.id ORDER BY s.started_at DESC""")
                .param(userId)
                .query((rs, row) -> new SessionView(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
                        rs.getObject(8, OffsetDateTime.class), rs.getString(9), rs.getLong(10), rs.getInt(11),
                        rs.getObject(12, Integer.class)))
                .list();
    }

    /** The laps of a session, empty when there is no such session. */
    Optional<List<LapView>> laps(String userId, String sessionId) {
        return sessionRef(userId, sessionId).map(ref -> jdbc.sql("""
                SELECT lap_number, lap_time_ms, time_source, valid, out_lap, in_lap, partial, sector_times_ms,
                       started_at, ended_at, first_sequence, last_sequence
                FROM laps WHERE session_ref = ? ORDER BY lap_number""")
                .param(ref)
                .query((rs, row) -> new LapView(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getBoolean(4),
                        rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), integers(rs.getArray(8)),
                        rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class),
                        rs.getObject(11, Long.class), rs.getObject(12, Long.class)))
                .list());
    }

    /** Where the frames of a lap are, empty when the lap is unknown or none of its frames was seen. */
    Optional<FrameRange> lapFrames(String userId, String sessionId, int lapNumber) {
        return sessionRef(userId, sessionId).flatMap(ref -> jdbc.sql("""
                SELECT first_sequence, last_sequence FROM laps
                WHERE session_ref = ? AND lap_number = ? AND first_sequence IS NOT NULL""")
                .params(ref, lapNumber)
                .query((rs, row) -> new FrameRange(ref, rs.getLong(1), rs.getLong(2)))
                .optional());
    }

    /** Every stored channel of a frame; the session is in the request's path. */
    private static final String EXPORTED_COLUMNS = String.join(", ",
            FrameRows.COLUMNS.stream().filter(column -> !column.equals("session_ref")).toList());

    /** The same columns for CSV, the time as ISO 8601 in UTC with milliseconds. */
    private static final String CSV_COLUMNS = String.join(", ", FrameRows.COLUMNS.stream()
            .filter(column -> !column.equals("session_ref"))
            .map(column -> column.equals("time")
                    ? "to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS time" : column)
            .toList());

    /** Streams the frames of the range, in order, to the handler. */
    void frames(FrameRange range, RowCallbackHandler handler) {
        jdbc.sql("SELECT " + EXPORTED_COLUMNS + """
                 FROM telemetry_frames WHERE session_ref = ? AND sequence BETWEEN ? AND ?
                ORDER BY sequence""")
                .params(range.sessionRef(), range.firstSequence(), range.lastSequence())
                .query(handler);
    }

    /**
     * Streams the frames of the range as CSV, a header line first, written and quoted by
     * PostgreSQL's own {@code COPY ... TO STDOUT (FORMAT csv, HEADER)}.
     */
    void framesAsCsv(FrameRange range, Writer out) throws SQLException, IOException {
        // COPY takes no bind parameters: the three numbers are longs of a range this service looked
        // up, never text from the request.
        String query = "COPY (SELECT " + CSV_COLUMNS + " FROM telemetry_frames WHERE session_ref = "
                + range.sessionRef() + " AND sequence BETWEEN " + range.firstSequence() + " AND "
                + range.lastSequence() + " ORDER BY sequence) TO STDOUT (FORMAT csv, HEADER)";
        try (Connection connection = dataSource.getConnection()) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut(query, out);
        }
    }

    private Optional<Long> sessionRef(String userId, String sessionId) {
        return jdbc.sql("SELECT session_ref FROM session_keys WHERE user_id = ? AND session_id = ?")
                .params(userId, sessionId).query(Long.class).optional();
    }

    private static @Nullable List<Integer> integers(@Nullable Array array) throws SQLException {
        return array == null ? null : List.of((Integer[]) array.getArray());
    }
}
