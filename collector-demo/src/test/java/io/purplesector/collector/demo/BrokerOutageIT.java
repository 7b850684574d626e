package io.purplesector.collector.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.TelemetryRecordDeserializer;
import io.purplesector.testsupport.BrokerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The broker dies (SIGKILL of its process) under a collector's load of twenty sessions at 60 Hz and
 * comes back after longer than a record may wait: the collecting thread keeps its pace throughout,
 * the collector keeps what fits its bounds (records handed over, the producer's buffer, a
 * record's wait in it), and every frame collected is published or dropped and counted with its
 * reason; the broker holds each published frame once (and may hold a few never acknowledged).
 */
class BrokerOutageIT {

    private static final Logger log = LoggerFactory.getLogger(BrokerOutageIT.class);

    private static final Duration OUTAGE = Duration.ofSeconds(8);
    private static final int SESSIONS = 20;
    private static final int RATE_HZ = 60;

    @Test
    void everyFrameIsPublishedOnceOrDroppedWithItsReasonAndCollectingNeverWaits() throws Exception {
        try (BrokerProcess broker = BrokerProcess.start("broker-outage")) {
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic("outage-commands", 1, (short) 1))).all().get();
            }
            ConfigurableApplicationContext demo = new SpringApplicationBuilder(DemoCollectorApplication.class).run(
                    "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--server.port=0",
                    "--purplesector.demo.users=outage-a,outage-b",
                    "--purplesector.demo.sessions-per-user=" + SESSIONS / 2,
                    "--purplesector.demo.rate-hz=" + RATE_HZ, "--purplesector.demo.commands-topic=outage-commands",
                    // Bounds small enough to be reached within the outage: 2,000 records handed over, a
                    // producer's buffer of a quarter of a megabyte, a record waiting at most 5 s there.
                    "--purplesector.collector.pending-records=2000",
                    "--spring.kafka.producer.buffer-memory=262144",
                    "--spring.kafka.producer.properties.delivery.timeout.ms=5000",
                    "--spring.kafka.producer.properties.request.timeout.ms=2000",
                    "--spring.kafka.producer.properties.reconnect.backoff.max.ms=1000",
                    "--purplesector.collector.degraded-for=3s");
            MeterRegistry meters = demo.getBean(MeterRegistry.class);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> count(meters, "collector.frames.published") > 2_000);
                assertThat(publisherHealth(demo)).isEqualTo("200 UP");

                double droppedBefore = dropped(meters, "pending-full") + dropped(meters, "not-acknowledged");
                double notAcknowledgedBefore = dropped(meters, "not-acknowledged");
                broker.kill();
                long killedAt = System.currentTimeMillis();
                double collectedAtKill = count(meters, "collector.frames.collected");
                // Throughout the outage, collecting goes on.
                await().during(OUTAGE).atMost(OUTAGE.plusSeconds(5))
                        .until(() -> count(meters, "collector.frames.collected") > collectedAtKill);
                double collectedDuringOutage = count(meters, "collector.frames.collected") - collectedAtKill;
                double outageSeconds = (System.currentTimeMillis() - killedAt) / 1000.0;
                // Frames are being dropped: said in health, which still answers 200 (collecting goes on).
                assertThat(publisherHealth(demo)).isEqualTo("200 DEGRADED");
                double publishedBeforeBack = count(meters, "collector.frames.published");
                broker.startAgain();
                double awaySeconds = (System.currentTimeMillis() - killedAt) / 1000.0;
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> count(meters, "collector.frames.published") > publishedBeforeBack + 2_000);

                // UP again once nothing has been dropped for degraded-for.
                await().atMost(Duration.ofSeconds(30)).until(() -> publisherHealth(demo).equals("200 UP"));

                report("Broker killed under %d sessions at %d Hz, started again after %.1f s and answering after %.1f s"
                        + " (log recovery): %.0f frames collected in the first %.1f s (%.0f a second); %.0f frames dropped"
                        + " from the kill until 2,000 more were published, %.0f of them not acknowledged in time%n",
                        SESSIONS, RATE_HZ, outageSeconds, awaySeconds, collectedDuringOutage, outageSeconds,
                        collectedDuringOutage / outageSeconds,
                        dropped(meters, "pending-full") + dropped(meters, "not-acknowledged") - droppedBefore,
                        dropped(meters, "not-acknowledged") - notAcknowledgedBefore);
                assertThat(collectedDuringOutage / outageSeconds).as("frames collected a second while the broker was away")
                        .isGreaterThan(0.8 * SESSIONS * RATE_HZ);
                assertThat(dropped(meters, "pending-full")).as("frames dropped with 2,000 records waiting").isPositive();
            } finally {
                demo.close(); // stops the sessions and flushes what is left
            }
            double collected = count(meters, "collector.frames.collected");
            double published = count(meters, "collector.frames.published");
            double dropped = dropped(meters, "pending-full") + dropped(meters, "not-acknowledged");
            assertThat(published + dropped).as("frames published or dropped, of %.0f collected", collected)
                    .isEqualTo(collected);
            // A batch in flight when the broker died may have been written though never acknowledged:
            // the producer gives up on it (counted not-acknowledged), the broker has it. Never twice.
            double notAcknowledged = dropped(meters, "not-acknowledged");
            assertThat(framesOnTheBroker(broker, (long) published))
                    .as("frames on the broker, each (session, sequence) once: all published, some not acknowledged")
                    .isBetween((long) published, (long) (published + notAcknowledged));
        }
    }

    /** The publisher's health as the actuator answers it: its HTTP status and its status. */
    private static String publisherHealth(ConfigurableApplicationContext demo) throws Exception {
        int port = ((WebServerApplicationContext) demo).getWebServer().getPort();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health/publisher")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + JsonPath.read(response.body(), "$.status");
    }

    /** Reads every frame of the test's topics; fails on a (session, sequence) read twice. */
    private static long framesOnTheBroker(BrokerProcess broker, long expected) {
        Set<String> seen = new HashSet<>();
        long frames = 0;
        try (KafkaConsumer<String, TelemetryRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outage-check", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new TelemetryRecordDeserializer())) {
            consumer.subscribe(Pattern.compile("telemetry-user-outage-.*"));
            long deadline = System.currentTimeMillis() + 60_000;
            while (frames < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, TelemetryRecord> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().hasFrame()) {
                        assertThat(seen.add(record.key() + "#" + record.value().getFrame().getSequence()))
                                .as("frame %d of session %s once", record.value().getFrame().getSequence(), record.key())
                                .isTrue();
                        frames++;
                    }
                }
            }
            // Anything beyond the expected count would be a duplicate or a frame not counted as published.
            for (ConsumerRecord<String, TelemetryRecord> record : consumer.poll(Duration.ofSeconds(2))) {
                frames += record.value().hasFrame() ? 1 : 0;
            }
        }
        return frames;
    }

    private static double count(MeterRegistry meters, String counter) {
        return meters.get(counter).counter().count();
    }

    private static double dropped(MeterRegistry meters, String reason) {
        return meters.get("collector.frames.dropped").tag("reason", reason).counter().count();
    }

    /** A measured figure, to the log (the console when run on demand). */
    private static void report(String format, Object... values) {
        log.info(String.format(Locale.ROOT, format, values).strip());
    }
}
