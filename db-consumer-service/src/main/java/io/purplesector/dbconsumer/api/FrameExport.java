package io.purplesector.dbconsumer.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import tools.jackson.core.JsonGenerator;

/**
 * Frames as a spreadsheet or an analysis tool wants them: CSV with one column per value, or a
 * JSON array of objects, written row by row as they are read.
 */
final class FrameExport {

    private FrameExport() {
    }

    static RowCallbackHandler csv(Writer out) {
        return new RowCallbackHandler() {
            private boolean headerWritten;

            @Override
            public void processRow(ResultSet rs) throws SQLException {
                try {
                    if (!headerWritten) {
                        writeCsvHeader(rs.getMetaData(), rs, out);
                        headerWritten = true;
                    }
                    ResultSetMetaData meta = rs.getMetaData();
                    StringBuilder line = new StringBuilder(512);
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        Object value = value(rs, column, meta);
                        separate(line).append(value == null ? "" : value.toString());
                    }
                    out.write(line.append('\n').toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
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

    private static void writeCsvHeader(ResultSetMetaData meta, ResultSet rs, Writer out) throws SQLException, IOException {
        StringBuilder header = new StringBuilder(1024);
        for (int column = 1; column <= meta.getColumnCount(); column++) {
            separate(header).append(meta.getColumnName(column));
        }
        out.write(header.append('\n').toString());
    }

    private static @Nullable Object value(ResultSet rs, int column, ResultSetMetaData meta) throws SQLException {
        if (meta.getColumnType(column) == Types.TIMESTAMP || meta.getColumnType(column) == Types.TIMESTAMP_WITH_TIMEZONE) {
            OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
            return time == null ? null : time.toInstant().toString();
        }
        return rs.getObject(column);
    }

    private static StringBuilder separate(StringBuilder line) {
        return line.isEmpty() ? line : line.append(',');
    }
}
