package io.purplesector.dbconsumer.store;

import io.purplesector.dbconsumer.lap.Lap;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Stores laps; a lap stored again (the game amended it) replaces what was stored. */
@Component
public class LapStore {

    private static final String UPSERT = """
            INSERT INTO laps (session_ref, lap_number, lap_time_ms, time_source, valid, out_lap, in_lap, partial,
                              sector_times_ms, started_at, ended_at, first_sequence, last_sequence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_ref, lap_number) DO UPDATE SET
                lap_time_ms = EXCLUDED.lap_time_ms, time_source = EXCLUDED.time_source, valid = EXCLUDED.valid,
                out_lap = EXCLUDED.out_lap, in_lap = EXCLUDED.in_lap, partial = EXCLUDED.partial,
                sector_times_ms = EXCLUDED.sector_times_ms, started_at = EXCLUDED.started_at,
                ended_at = EXCLUDED.ended_at, first_sequence = EXCLUDED.first_sequence,
                last_sequence = EXCLUDED.last_sequence""";

    private final JdbcTemplate jdbc;

    LapStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A lap of a stored session. */
    public record SessionLap(long sessionRef, Lap lap) {
    }

    /** Stores the laps in the order given. */
    public void save(List<SessionLap> laps) {
        if (laps.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(UPSERT, laps, laps.size(), (ps, sessionLap) -> {
            Lap lap = sessionLap.lap();
            ps.setLong(1, sessionLap.sessionRef());
            ps.setInt(2, lap.number());
            ps.setInt(3, lap.lapTimeMs());
            ps.setString(4, lap.timeSource().name());
            ps.setBoolean(5, lap.valid());
            ps.setBoolean(6, lap.outLap());
            ps.setBoolean(7, lap.inLap());
            ps.setBoolean(8, lap.partial());
            List<Integer> sectors = lap.sectorTimesMs();
            if (sectors == null) {
                ps.setNull(9, Types.ARRAY);
            } else {
                ps.setArray(9, ps.getConnection().createArrayOf("int4", sectors.toArray()));
            }
            setTime(ps, 10, lap.startedAt());
            setTime(ps, 11, lap.endedAt());
            setLong(ps, 12, lap.firstSequence());
            setLong(ps, 13, lap.lastSequence());
        });
    }

    static void setTime(PreparedStatement ps, int index, @Nullable Long epochMillis) throws SQLException {
        if (epochMillis == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC));
        }
    }

    private static void setLong(PreparedStatement ps, int index, @Nullable Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
