package io.purplesector.dbconsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.testsupport.WithTestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** PostgreSQL stopped for more than ten seconds while frames keep coming. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.db-consumer.topic-pattern=telemetry-user-outage-.*",
        "purplesector.db-consumer.group=outage-it",
        "purplesector.db-consumer.dead-letter-topic=outage-it-dlt",
        "purplesector.db-consumer.batch.max-frames=500",
        "purplesector.db-consumer.retry.max-interval=2s",
        "purplesector.listeners.sample-interval=500ms",
        "purplesector.listeners.stall-timeout=4s"})
@WithTestKafka
class DatabaseOutageIT {

    private static final StoppablePostgres postgres = startPostgres();
    private static final Duration OUTAGE = Duration.ofSeconds(12);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient db;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", postgres::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void healthGoesDownAndUpAgainAndNoFrameIsLostOrDoubled() throws Exception {
        List<String> users = List.of("outage-a", "outage-b");
        DemoData.createUserTopics(users);
        List<List<TelemetryRecord>> sessions = List.of(DemoData.session("outage-a", "outage-a-1", 301, 3),
                DemoData.session("outage-b", "outage-b-1", 302, 3));
        long expectedFrames = sessions.stream().flatMap(List::stream).filter(TelemetryRecord::hasFrame).count();
        // Published in slices over the whole test, so that frames arrive before, during and after the outage.
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publishInSlices(sessions, 40, Duration.ofMillis(500)));

        await().atMost(Duration.ofSeconds(60)).until(() -> frames() > 1000);
        postgres.stop();
        Instant stopped = Instant.now();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> health = health();
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(health.body()).at("/components/db/status").asString()).isEqualTo("DOWN");
            // Frames keep coming and none is stored: the listener has stalled, and says so.
            assertThat(JSON.readTree(health.body()).at("/components/consumerProgress/status").asString())
                    .isEqualTo("DOWN");
            assertThat(JSON.readTree(health.body()).at("/components/consumerProgress/details/telemetry-ingest")
                    .asString()).startsWith("stalled: ");
        });
        Thread.sleep(Math.max(0, OUTAGE.minus(Duration.between(stopped, Instant.now())).toMillis()));
        postgres.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> health().statusCode() == 200);
        publishing.get();
        await().atMost(Duration.ofSeconds(60)).until(() -> frames() == expectedFrames);
        assertThat(db.sql("SELECT count(*) FROM (SELECT DISTINCT session_ref, sequence FROM telemetry_frames) f")
                .query(Long.class).single()).isEqualTo(expectedFrames);
        long gameLaps = sessions.stream().flatMap(List::stream).filter(TelemetryRecord::hasLapCompleted).count();
        assertThat(db.sql("SELECT count(*) FROM laps").query(Long.class).single()).isEqualTo(gameLaps);
    }

    private long frames() {
        try {
            return db.sql("SELECT count(*) FROM telemetry_frames").query(Long.class).single();
        } catch (RuntimeException databaseAway) {
            return -1;
        }
    }

    private HttpResponse<String> health() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void publishInSlices(List<List<TelemetryRecord>> sessions, int slices, Duration pause) {
        List<List<TelemetryRecord>> parts = new ArrayList<>();
        for (int slice = 0; slice < slices; slice++) {
            List<TelemetryRecord> part = new ArrayList<>();
            for (List<TelemetryRecord> session : sessions) {
                int size = (session.size() + slices - 1) / slices;
                part.addAll(session.subList(Math.min(session.size(), slice * size), Math.min(session.size(), (slice + 1) * size)));
            }
            parts.add(part);
        }
        for (List<TelemetryRecord> part : parts) {
            DemoData.publish(part);
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static StoppablePostgres startPostgres() {
        try {
            return new StoppablePostgres(Path.of("target", "outage-postgres-" + UUID.randomUUID()));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start PostgreSQL for the outage test", e);
        }
    }
}
