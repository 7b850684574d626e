package io.purplesector.dbconsumer.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Dead letters waiting for their batch's transaction to commit (table {@code dead_letter_outbox}):
 * added inside it, taken one at a time afterwards, each in a transaction of its own that deletes
 * it once sent. {@code SKIP LOCKED}: two instances never send the same one.
 */
@Component
public class DeadLetterOutbox {

    /** A dead letter taken from the outbox: the record as it was read, and why it is one. */
    public record Pending(long id, ConsumerRecord<byte @Nullable [], byte @Nullable []> record, String reason,
            String message) {
    }

    private final JdbcClient jdbc;

    DeadLetterOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds the record until the transaction commits; a record held already is held once. */
    public void add(ConsumerRecord<byte @Nullable [], byte @Nullable []> record, String reason, String message) {
        jdbc.sql("""
                INSERT INTO dead_letter_outbox (topic, record_partition, record_offset, record_timestamp,
                    timestamp_type, record_key, record_value, record_headers, reason, message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (topic, record_partition, record_offset) DO NOTHING""")
                .params(record.topic(), record.partition(), record.offset(), record.timestamp(),
                        record.timestampType().name(), record.key(), record.value(), encode(record.headers()), reason,
                        message)
                .update();
    }

    /** The oldest dead letter no other transaction holds, locked until this one ends. */
    public Optional<Pending> takeOne() {
        return jdbc.sql("""
                SELECT id, topic, record_partition, record_offset, record_timestamp, timestamp_type, record_key,
                    record_value, record_headers, reason, message
                FROM dead_letter_outbox ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .query((rs, row) -> new Pending(rs.getLong(1), new ConsumerRecord<>(rs.getString(2), rs.getInt(3),
                        rs.getLong(4), rs.getLong(5), TimestampType.valueOf(rs.getString(6)), -1, -1,
                        rs.getBytes(7), rs.getBytes(8), decode(rs.getBytes(9)), Optional.empty()),
                        rs.getString(10), rs.getString(11)))
                .optional();
    }

    public void remove(long id) {
        jdbc.sql("DELETE FROM dead_letter_outbox WHERE id = ?").param(id).update();
    }

    /** Headers as (name length, name, value length or -1, value) each, in order. */
    static byte[] encode(Headers headers) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Header header : headers) {
                byte[] name = header.key().getBytes(StandardCharsets.UTF_8);
                out.writeInt(name.length);
                out.write(name);
                byte[] value = header.value();
                out.writeInt(value == null ? -1 : value.length);
                if (value != null) {
                    out.write(value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Headers decode(byte[] encoded) {
        RecordHeaders headers = new RecordHeaders();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            while (in.available() > 0) {
                String name = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
                int length = in.readInt();
                headers.add(name, length < 0 ? null : in.readNBytes(length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return headers;
    }
}
