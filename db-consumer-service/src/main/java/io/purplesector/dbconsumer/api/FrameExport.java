package io.purplesector.dbconsumer.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import tools.jackson.core.JsonGenerator;

/**
 * Frames as a spreadsheet or an analysis tool wants them: CSV with one column per value (per-wheel
 * sets spread over four columns) or a JSON array of objects, written row by row as they are read.
 */
final class FrameExport {

    /** Suffixes of the four columns a per-wheel set becomes in CSV. */
    private static final List<String> WHEELS = List.of("fl", "fr", "rl", "rr");

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
                        if (SessionQueries.internal(rs, column)) {
                            continue;
                        }
                        if (meta.getColumnType(column) == Types.ARRAY) {
                            Float @Nullable [] values = wheels(rs.getArray(column));
                            for (int wheel = 0; wheel < WHEELS.size(); wheel++) {
                                separate(line).append(values == null ? "" : String.valueOf(values[wheel]));
                            }
                        } else {
                            Object value = value(rs, column, meta);
                            separate(line).append(value == null ? "" : value.toString());
                        }
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
                if (SessionQueries.internal(rs, column)) {
                    continue;
                }
                json.writeName(meta.getColumnName(column));
                if (meta.getColumnType(column) == Types.ARRAY) {
                    Float @Nullable [] values = wheels(rs.getArray(column));
                    if (values == null) {
                        json.writeNull();
                    } else {
                        json.writeStartArray();
                        for (Float value : values) {
                            json.writeNumber(value);
                        }
                        json.writeEndArray();
                    }
                } else {
                    json.writePOJO(value(rs, column, meta));
                }
            }
            json.writeEndObject();
        };
    }

    private static void writeCsvHeader(ResultSetMetaData meta, ResultSet rs, Writer out) throws SQLException, IOException {
        StringBuilder header = new StringBuilder(1024);
        for (int column = 1; column <= meta.getColumnCount(); column++) {
            if (SessionQueries.internal(rs, column)) {
                continue;
            }
            String name = meta.getColumnName(column);
            if (meta.getColumnType(column) == Types.ARRAY) {
                for (String wheel : WHEELS) {
                    separate(header).append(name).append('_').append(wheel);
                }
            } else {
                separate(header).append(name);
            }
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

    private static Float @Nullable [] wheels(@Nullable Array array) throws SQLException {
        return array == null ? null : (Float[]) array.getArray();
    }

    private static StringBuilder separate(StringBuilder line) {
        return line.isEmpty() ? line : line.append(',');
    }
}
