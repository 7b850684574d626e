package io.purplesector.dbconsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.purplesector.dbconsumer.ingest.DeadLetters;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.HeaderNames;
import io.purplesector.telemetry.proto.kafka.TelemetryRecords;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.BadInput;
import io.purplesector.testsupport.ListenerStop;
import io.purplesector.testsupport.TestKafka;
import io.purplesector.testsupport.WithTestKafka;
import io.purplesector.testsupport.WithTestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Records that break the rules, or that fail their batch for a reason no rule catches, next to a
 * normal session on the same partition: the bad ones end in the dead-letter topic with their
 * reason, the normal one is stored frame by frame, exactly once, and no user's stream stops.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.db-consumer.topic-pattern=telemetry-user-bad-.*",
        "purplesector.db-consumer.group=bad-records-it",
        "purplesector.db-consumer.dead-letter-topic=bad-records-it-dlt",
        "purplesector.db-consumer.batch.flush-interval=50ms",
        "purplesector.db-consumer.retry.initial-interval=100ms",
        "purplesector.db-consumer.retry.max-interval=200ms",
        "purplesector.listeners.sample-interval=500ms"})
@WithTestKafka
@WithTestPostgres
@BadInput
class BadRecordsIT {

    private static final String DLT = "bad-records-it-dlt";
    private static final String INVALID_SESSION_ID = "INVALID_SESSION_ID";

    private static KafkaProducer<byte[], byte[]> producer;

    @Autowired
    JdbcClient db;

    @LocalServerPort
    int port;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                // Records as large as the broker takes: a megabyte of key is the test.
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_000,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void keysLongerThanTheRuleAreDeadLetteredUnchangedAndTheUsersStreamsGoOn() {
        String user = "bad-long-keys";
        DemoData.createUserTopics(List.of(user, "bad-bystander"));
        byte[] eightThousand = randomText(8_000, 1);
        byte[] almostAMegabyte = randomText(1_000_000, 2);
        send(user, eightThousand, frame("unused", 1));
        send(user, almostAMegabyte, frame("unused", 1));
        List<TelemetryRecord> session = DemoData.session(user, "after-long-keys", 5, 1);
        List<TelemetryRecord> bystander = DemoData.session("bad-bystander", "bystander", 6, 1);
        DemoData.publish(session);
        DemoData.publish(bystander);

        awaitStored(user, "after-long-keys", frames(session));
        awaitStored("bad-bystander", "bystander", frames(bystander));
        List<ConsumerRecord<byte[], byte[]>> letters = awaitDeadLetters(user, 2);
        assertThat(letters).extracting(letter -> header(letter, DeadLetters.REASON_HEADER))
                .containsOnly(INVALID_SESSION_ID);
        assertThat(letters).extracting(ConsumerRecord::key).containsExactly(eightThousand, almostAMegabyte);
        assertThat(header(letters.get(0), "kafka_dlt-exception-message")).contains("8000 bytes; at most 128");
    }

    @Test
    void aNulInAKeyIsDeadLetteredInsteadOfBeingStoredAsAnotherSession() {
        String user = "bad-nul";
        DemoData.createUserTopics(List.of(user));
        send(user, "probe-nulx".getBytes(StandardCharsets.UTF_8), frame("probe-nulx", 1));
        send(user, "probe-nul\0x".getBytes(StandardCharsets.UTF_8), frame("probe-nul\0x", 1));
        send(user, new byte[] {'n', 'o', 't', (byte) 0xff, 'u', 't', 'f', '8'}, frame("x", 1));
        List<TelemetryRecord> session = DemoData.session(user, "after-nul", 7, 1);
        DemoData.publish(session);

        awaitStored(user, "after-nul", frames(session));
        assertThat(framesOf(user, "probe-nulx")).isEqualTo(1);
        List<ConsumerRecord<byte[], byte[]>> letters = awaitDeadLetters(user, 2);
        assertThat(letters).extracting(letter -> header(letter, DeadLetters.REASON_HEADER))
                .containsOnly(INVALID_SESSION_ID);
        assertThat(header(letters.get(0), "kafka_dlt-exception-message")).contains("U+0000");
        assertThat(letters.get(1).key()).containsExactly('n', 'o', 't', 0xff, 'u', 't', 'f', '8');
        assertThat(db.sql("SELECT count(*) FROM sessions WHERE user_id = ?").param(user).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void aRecordThatFailsEveryBatchIsSetApartAfterTheAttemptsTheRestStoredAndHealthSaysDegraded() throws Exception {
        String user = "bad-defect";
        DemoData.createUserTopics(List.of(user));
        // A failure no rule at the door catches, as a defect would be: the database refuses this one session.
        db.sql("""
                CREATE FUNCTION refuse_defect() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.session_id = 'defect' THEN
                        RAISE EXCEPTION 'session % refused', NEW.session_id USING ERRCODE = '22023';
                    END IF;
                    RETURN NEW;
                END $$""").update();
        db.sql("CREATE TRIGGER refuse_defect BEFORE INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION refuse_defect()")
                .update();
        List<TelemetryRecord> session = DemoData.session(user, "around-defect", 8, 1);
        List<TelemetryRecord> before = session.subList(0, session.size() / 2);
        List<TelemetryRecord> after = session.subList(session.size() / 2, session.size());
        DemoData.publish(before);
        for (int sequence = 1; sequence <= 3; sequence++) {
            send(user, "defect".getBytes(StandardCharsets.UTF_8), frame("defect", sequence));
        }
        DemoData.publish(after);

        awaitStored(user, "around-defect", frames(session));
        List<ConsumerRecord<byte[], byte[]>> letters = awaitDeadLetters(user, 3);
        assertThat(letters).extracting(letter -> header(letter, DeadLetters.REASON_HEADER)).containsOnly("STORE_FAILED");
        assertThat(header(letters.get(0), "kafka_dlt-exception-message")).contains("session defect refused");
        assertThat(db.sql("""
                SELECT count(*) FROM (SELECT DISTINCT f.sequence FROM telemetry_frames f
                JOIN sessions s ON s.id = f.session_ref WHERE s.user_id = ?) f""").param(user).query(Long.class).single())
                .as("each frame once").isEqualTo(frames(session));

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("storing goes on: not a reason to take the service out").isEqualTo(200);
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).as("the lag is a number").containsPattern(
                "(?m)^purplesector_consumer_lag\\{[^}]*listener=\"telemetry-ingest\"[^}]*\\} [0-9.E+-]+$");
        assertThat(health.body()).endsWith("\"status\":\"DEGRADED\"}")
                .containsPattern("\"ingest\":\\{\"details\":\\{\"recordsSetApart\":3,.*session defect refused.*\"status\":\"DEGRADED\"");
    }

    /**
     * A batch holding a bad record fails once for another reason and is read again: the bad
     * record is dead-lettered once, because dead letters leave only after the batch commits.
     */
    @Test
    void aBadRecordInABatchThatRollsBackAndIsReadAgainIsDeadLetteredOnce() throws Exception {
        String user = "bad-rollback";
        DemoData.createUserTopics(List.of(user));
        // The session's first insert fails once: a sequence moves on even when its transaction rolls back.
        db.sql("CREATE SEQUENCE fails_once").update();
        db.sql("""
                CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.session_id = 'fails-once' AND nextval('fails_once') = 1 THEN
                        RAISE EXCEPTION 'session % refused once', NEW.session_id USING ERRCODE = '22023';
                    END IF;
                    RETURN NEW;
                END $$""").update();
        db.sql("CREATE TRIGGER fail_once BEFORE INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION fail_once()")
                .update();
        List<TelemetryRecord> session = DemoData.session(user, "fails-once", 10, 1);
        // One producer batch, so that the consumer reads the bad record and the session together.
        try (KafkaProducer<byte[], byte[]> batching = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 500,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            batching.send(new ProducerRecord<>(Topics.userTopic(user), 0, "bad\0key".getBytes(StandardCharsets.UTF_8),
                    frame("x", 1)));
            for (TelemetryRecord record : session) {
                batching.send(new ProducerRecord<>(Topics.userTopic(user), 0,
                        TelemetryRecords.sessionId(record).getBytes(StandardCharsets.UTF_8), record.toByteArray()));
            }
        }

        awaitStored(user, "fails-once", frames(session));
        assertThat(db.sql("SELECT last_value FROM fails_once").query(Long.class).single())
                .as("the batch failed once and was stored on its next attempt").isGreaterThanOrEqualTo(2);
        List<ConsumerRecord<byte[], byte[]>> letters = awaitDeadLetters(user, 1);
        assertThat(header(letters.get(0), DeadLetters.REASON_HEADER)).isEqualTo(INVALID_SESSION_ID);
        assertThat(db.sql("SELECT count(*) FROM dead_letter_outbox").query(Long.class).single())
                .as("the outbox is empty once the letters are sent").isZero();
    }

    @Test
    void healthIsDownWhileTheListenerIsStopped() {
        ListenerStop.showsInHealth(port, listeners.getListenerContainer("telemetry-ingest"));
    }

    /**
     * Keys of 0 bytes to a megabyte with every byte value (most not UTF-8) and values of random
     * bytes, among a normal session's records on the same partition: the session is stored
     * exactly once, and every random record is either in the dead-letter topic with a reason or
     * (random bytes that happen to decode as a telemetry record under a valid key) stored.
     */
    @Test
    void randomKeysAndValuesAmongASessionEndInTheDeadLetterTopicOrTheDatabaseAndTheSessionIsStoredOnce()
            throws Exception {
        String user = "bad-random";
        DemoData.createUserTopics(List.of(user));
        Random random = new Random(20261205);
        List<TelemetryRecord> session = DemoData.session(user, "among-random", 9, 1);
        Map<Long, byte[]> randomKeysByOffset = new HashMap<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        int step = session.size() / 300;
        for (int i = 0; i < session.size(); i++) {
            TelemetryRecord record = session.get(i);
            producer.send(new ProducerRecord<>(Topics.userTopic(user), 0,
                    TelemetryRecords.sessionId(record).getBytes(StandardCharsets.UTF_8), record.toByteArray()));
            if (i % step == 0) {
                byte[] key = randomKey(random);
                byte[] value = new byte[random.nextInt(2_000)];
                random.nextBytes(value);
                keys.add(key);
                acks.add(producer.send(new ProducerRecord<>(Topics.userTopic(user), 0, key, value)));
            }
        }
        producer.flush();
        for (int i = 0; i < acks.size(); i++) {
            randomKeysByOffset.put(acks.get(i).get().offset(), keys.get(i));
        }

        awaitStored(user, "among-random", frames(session));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            long stored = db.sql("SELECT count(*) FROM sessions WHERE user_id = ? AND session_id <> 'among-random'")
                    .param(user).query(Long.class).single();
            return deadLetters(user).size() + stored >= randomKeysByOffset.size();
        });
        List<ConsumerRecord<byte[], byte[]>> letters = deadLetters(user);
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            long offset = originalOffset(letter);
            assertThat(randomKeysByOffset).as("only random records are dead-lettered").containsKey(offset);
            assertThat(letter.key()).isEqualTo(randomKeysByOffset.get(offset));
            assertThat(header(letter, DeadLetters.REASON_HEADER)).isIn(INVALID_SESSION_ID, "NOT_PROTOBUF",
                    "NO_PAYLOAD", "NO_SESSION_ID", "SEQUENCE_NOT_INCREASING");
        }
        assertThat(letters).extracting(BadRecordsIT::originalOffset).doesNotHaveDuplicates();
        assertThat(letters.size()).as("most random records break a rule").isGreaterThan(randomKeysByOffset.size() / 2);
        assertThat(db.sql("""
                SELECT count(*) FROM (SELECT DISTINCT f.sequence FROM telemetry_frames f
                JOIN sessions s ON s.id = f.session_ref WHERE s.user_id = ? AND s.session_id = 'among-random') f""")
                .param(user).query(Long.class).single()).isEqualTo(frames(session));
    }

    private static byte[] randomKey(Random random) {
        int length = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(3);
            case 1 -> random.nextInt(200);
            case 2 -> random.nextInt(10_000);
            default -> random.nextInt(1_000_000);
        };
        byte[] key = new byte[length];
        random.nextBytes(key);
        return key;
    }

    private static byte[] randomText(int length, long seed) {
        byte[] text = new byte[length];
        Random random = new Random(seed);
        for (int i = 0; i < length; i++) {
            text[i] = (byte) ('a' + random.nextInt(26));
        }
        return text;
    }

    private static byte[] frame(String sessionId, long sequence) {
        return TelemetryRecord.newBuilder().setFrame(TelemetryFrame.newBuilder().setSessionId(sessionId)
                .setSequence(sequence).setTimestamp(DemoData.START + sequence).setSpeed(100)).build().toByteArray();
    }

    private static void send(String user, byte[] key, byte[] value) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.userTopic(user), 0, key, value);
        record.headers().add(HeaderNames.CONTENT_TYPE, HeaderNames.PROTOBUF.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Not published", e);
        }
    }

    private static long frames(List<TelemetryRecord> records) {
        return records.stream().filter(TelemetryRecord::hasFrame).count();
    }

    private void awaitStored(String user, String sessionId, long frames) {
        await().atMost(Duration.ofSeconds(90)).until(() -> framesOf(user, sessionId) >= frames);
        assertThat(framesOf(user, sessionId)).isEqualTo(frames);
    }

    private long framesOf(String user, String sessionId) {
        return db.sql("""
                SELECT count(*) FROM telemetry_frames f JOIN sessions s ON s.id = f.session_ref
                WHERE s.user_id = ? AND s.session_id = ?""").params(user, sessionId).query(Long.class).single();
    }

    private static List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters(String user, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters(user).size() >= count);
        List<ConsumerRecord<byte[], byte[]>> letters = deadLetters(user);
        assertThat(letters).as("dead letters, by original offset").extracting(BadRecordsIT::originalOffset)
                .hasSize(count);
        return letters;
    }

    /** The dead letters of a user's topic, in the order of their original offsets. */
    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(String user) {
        List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(DLT));
            long end = System.currentTimeMillis() + 3_000;
            while (System.currentTimeMillis() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(letter -> {
                    if (Topics.userTopic(user).equals(header(letter, "kafka_dlt-original-topic"))) {
                        letters.add(letter);
                    }
                });
            }
        }
        letters.sort(java.util.Comparator.comparingLong(BadRecordsIT::originalOffset));
        return letters;
    }

    /** Spring Kafka writes the original offset as 8 bytes, big-endian. */
    private static long originalOffset(ConsumerRecord<?, ?> letter) {
        return java.nio.ByteBuffer.wrap(letter.headers().lastHeader("kafka_dlt-original-offset").value()).getLong();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
