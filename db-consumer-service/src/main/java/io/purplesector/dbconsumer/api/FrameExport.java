package io.purplesector.dbconsumer.api;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import tools.jackson.core.JsonGenerator;

/**
 * Frames as an analysis tool wants them: a JSON array of objects, one name per column, written
 * row by row as they are read (CSV is PostgreSQL's own, see {@link SessionQueries#framesAsCsv}).
 */
final class FrameExport {

    private FrameExport() {
    }

    /** Writes each row as an object; the caller opens and closes the array around them. */
    static RowCallbackHandler json(JsonGenerator json) {
        return rs -> {
            ResultSetMetaData meta = rs.getMetaData();
            json.writeStartObject();
            for (int column = 1; column <= meta.getColumnCount(); column++) {
                json.writeName(meta.getColumnName(column));
                json.writePOJO(value(rs, column, meta));
            }
            json.writeEndObject();
        };
    }

    private static @Nullable Object value(ResultSet rs, int column, ResultSetMetaData meta) throws SQLException {
        if (meta.getColumnType(column) == Types.TIMESTAMP || meta.getColumnType(column) == Types.TIMESTAMP_WITH_TIMEZONE) {
            OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
            return time == null ? null : time.toInstant().toString();
        }
        return rs.getObject(column);
    }
}
