package io.purplesector.dbconsumer;

import io.purplesector.carmodel.demo.DemoSession;
import io.purplesector.carmodel.drive.Car;
import io.purplesector.carmodel.track.Circuits;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.ProtobufSerializer;
import io.purplesector.telemetry.proto.kafka.TelemetryRecords;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.TestKafka;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Demo sessions as a collector would publish them, generated at once with frame timestamps on a
 * 50 Hz grid (so that lap times computed from timestamps equal the game's), and published to a
 * real broker.
 */
public final class DemoData {

    public static final int RATE_HZ = 50;
    static final long START = 1_790_000_000_000L;

    private DemoData() {
    }

    /** Every record of one demo session, in order. */
    public static List<TelemetryRecord> session(String userId, String sessionId, long seed, int laps) {
        AtomicLong now = new AtomicLong(START + seed * 1000);
        DemoSession session = new DemoSession(new DemoSession.Settings(sessionId, userId, seed, RATE_HZ, laps),
                Circuits.PURPLE_PARK, Car.PURPLE_GT3, now::get);
        List<TelemetryRecord> records = new ArrayList<>();
        while (!session.finished()) {
            now.addAndGet(1000 / RATE_HZ);
            records.addAll(session.advance());
        }
        return records;
    }

    /** Creates the users' topics (three partitions each) unless they exist. */
    public static void createUserTopics(Collection<String> users) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            for (String user : users) {
                try {
                    admin.createTopics(List.of(new NewTopic(Topics.userTopic(user), 3, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Publishes the records as a collector does (user topic, session key, headers) and waits for the acks. */
    public static void publish(List<TelemetryRecord> records) {
        try (KafkaProducer<String, TelemetryRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                // As collector-demo: a partition that has just been created must not take a later batch first.
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(), new ProtobufSerializer<>())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            for (TelemetryRecord record : records) {
                acks.add(producer.send(TelemetryRecords.producerRecord(Topics.TELEMETRY, "db-consumer-test", record)));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("A record was not published", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Publishes raw bytes, as a broken or foreign producer would. */
    public static void publishRaw(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
            producer.flush();
        }
    }
}
