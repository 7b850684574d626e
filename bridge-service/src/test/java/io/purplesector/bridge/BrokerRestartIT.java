package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.WebSocketMessage;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.BrokerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The broker dies under a live view (SIGKILL of its process) and comes back ten seconds later on
 * the same data: the bridge resumes by itself within seconds, and the frames the collector
 * buffered during the outage reach no client: a live view shows the car as it is now. Whether the
 * bridge drops them as stale or its consumer skips them (a consumer whose group lost its offsets
 * starts at the latest one) depends on the broker's recovery; either way none is shown.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.bridge.auth.enabled=false", "purplesector.bridge.max-frame-age=2s"})
class BrokerRestartIT {

    private static final Logger log = LoggerFactory.getLogger(BrokerRestartIT.class);

    private static final String USER = "restart";
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final long MAX_FRAME_AGE_MILLIS = 2_000;

    private static BrokerProcess broker;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void brokerProcess(DynamicPropertyRegistry registry) throws Exception {
        broker = BrokerProcess.start("broker-restart");
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(Topics.userTopic(USER), 1, (short) 1))).all().get();
        }
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theViewResumesWithinSecondsOfTheBrokerAndNoStaleFrameIsShown() throws Exception {
        AtomicLong sequence = new AtomicLong();
        BlockingQueue<byte[]> taken = new LinkedBlockingQueue<>();
        ScheduledExecutorService game = Executors.newSingleThreadScheduledExecutor();
        ExecutorService publisher = Executors.newSingleThreadExecutor();
        try (KafkaProducer<String, byte[]> producer = collectorProducer();
                TestClient client = TestClient.connect(port, "?userId=" + USER)) {
            assertThat(client.next().getType()).isEqualTo(MessageType.CONNECTED);
            // A collector as in production: the game hands it a frame every 20 ms, stamped when
            // taken, whether or not the broker is there; its producer publishes when it can.
            game.scheduleAtFixedRate(() -> taken.add(frame(sequence.incrementAndGet())), 0, 20, TimeUnit.MILLISECONDS);
            publisher.execute(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        producer.send(new ProducerRecord<>(Topics.userTopic(USER), "s1", taken.take()));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> nextFrame(client, 500) != null);
            drainFor(client, Duration.ofSeconds(2));
            assertThat(health()).isEqualTo(200);

            long takenBeforeKill = sequence.get();
            broker.kill();
            long killedAt = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(30)).until(() -> health() == 503);
            List<Delivery> duringOutage = drainFor(client, OUTAGE.minusMillis(System.currentTimeMillis() - killedAt));
            long restartedAt = System.currentTimeMillis();
            broker.startAgain();
            long brokerBackAt = System.currentTimeMillis();
            long takenBeforeBrokerBack = sequence.get();

            long staleBefore = staleDropped();
            List<Delivery> afterRestart = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                afterRestart.addAll(drainFor(client, Duration.ofMillis(200)));
                return afterRestart.stream().anyMatch(delivery -> delivery.age() < 500);
            });
            long firstFreshAt = afterRestart.stream().filter(delivery -> delivery.age() < 500).findFirst()
                    .orElseThrow().receivedAt();
            afterRestart.addAll(drainFor(client, Duration.ofSeconds(5)));
            await().atMost(Duration.ofSeconds(30)).until(() -> health() == 200);

            report("Broker restart: the broker took %d ms to start again; live frames %d ms after it was "
                    + "accepting connections; about %d frames taken while it was away, %d of them dropped as stale "
                    + "(the rest never read); oldest frame shown after "
                    + "the restart %d ms%n", brokerBackAt - restartedAt, firstFreshAt - brokerBackAt,
                    takenBeforeBrokerBack - takenBeforeKill, staleDropped() - staleBefore,
                    afterRestart.stream().mapToLong(Delivery::age).max().orElse(0));
            assertThat(duringOutage).as("frames shown more than a second after the broker died")
                    .noneMatch(delivery -> delivery.receivedAt() > killedAt + 1_000);
            assertThat(firstFreshAt - brokerBackAt).as("live again after the broker is back, ms").isLessThan(10_000);
            assertThat(afterRestart).allSatisfy(delivery -> assertThat(delivery.age())
                    .as("age of a frame shown after the restart, ms").isLessThanOrEqualTo(MAX_FRAME_AGE_MILLIS + 1_000));
            assertThat(afterRestart).extracting(Delivery::sequence).isSorted();
            // The backlog was real: everything the collector buffered while the broker was away is in
            // the topic now, yet (by the ages above) none of it reached the viewer.
            assertThat(endOffset()).as("frames on the broker after the restart")
                    .isGreaterThanOrEqualTo(takenBeforeBrokerBack);
            assertThat(takenBeforeBrokerBack - takenBeforeKill).as("frames taken while the broker was away")
                    .isGreaterThan(OUTAGE.toSeconds() * 50 / 2);
        } finally {
            game.shutdownNow();
            publisher.shutdownNow();
        }
    }

    /** A frame shown to the client: when it arrived and how old it was then. */
    private record Delivery(long sequence, long receivedAt, long age) {
    }

    private static List<Delivery> drainFor(TestClient client, Duration duration) throws InterruptedException {
        List<Delivery> deliveries = new ArrayList<>();
        long end = System.currentTimeMillis() + duration.toMillis();
        for (long left = duration.toMillis(); left > 0; left = end - System.currentTimeMillis()) {
            TelemetryFrame frame = nextFrame(client, left);
            if (frame != null) {
                deliveries.add(new Delivery(frame.getSequence(), client.lastReceivedAt(),
                        client.lastReceivedAt() - frame.getTimestamp()));
            }
        }
        return deliveries;
    }

    private static TelemetryFrame nextFrame(TestClient client, long timeoutMillis) throws InterruptedException {
        WebSocketMessage message = client.poll(timeoutMillis);
        return message != null && message.hasTelemetry() ? message.getTelemetry() : null;
    }

    private long staleDropped() {
        return (long) meters.get("bridge.frames.dropped").tag("reason", "stale").counter().count();
    }

    private int health() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static byte[] frame(long sequence) {
        return TelemetryRecord.newBuilder().setFrame(TelemetryFrame.newBuilder().setSessionId("s1").setUserId(USER)
                .setSequence(sequence).setTimestamp(System.currentTimeMillis())).build().toByteArray();
    }

    private static KafkaProducer<String, byte[]> collectorProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static long endOffset() throws Exception {
        TopicPartition partition = new TopicPartition(Topics.userTopic(USER), 0);
        try (Admin admin = broker.admin()) {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        }
    }

    /** A measured figure, to the log (the console when run on demand). */
    private static void report(String format, Object... values) {
        log.info(String.format(Locale.ROOT, format, values).strip());
    }
}
