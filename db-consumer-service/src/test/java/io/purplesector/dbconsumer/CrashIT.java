package io.purplesector.dbconsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.testsupport.ServiceProcess;
import io.purplesector.testsupport.TestDatabase;
import io.purplesector.testsupport.TestKafka;
import io.purplesector.testsupport.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The consumer as a process of its own, killed with SIGKILL in the middle of an ingest again and
 * again, then left to finish: the database must hold every frame once and the laps of a run that
 * was never interrupted (a second process, into a second database, at the same time).
 */
class CrashIT {

    private static final List<String> USERS = List.of("crash-a", "crash-b", "crash-c");
    private static final int KILLS = 3;

    @Test
    void killedHardMidIngestSeveralTimesItStoresEveryFrameOnceAndTheSameLaps() throws Exception {
        DemoData.createUserTopics(USERS);
        List<TelemetryRecord> records = new ArrayList<>();
        long seed = 100;
        for (String user : USERS) {
            for (int i = 0; i < 2; i++) {
                records.addAll(DemoData.session(user, user + "-" + i, seed++, 4));
            }
        }
        DemoData.publish(records);
        long expectedFrames = records.stream().filter(TelemetryRecord::hasFrame).count();

        TestDatabase crashing = TestPostgres.createDatabase();
        TestDatabase reference = TestPostgres.createDatabase();
        JdbcClient crashed = JdbcClient.create(crashing.dataSource());
        JdbcClient uninterrupted = JdbcClient.create(reference.dataSource());
        SplittableRandom random = new SplittableRandom(7);

        try (ServiceProcess referenceRun = start(reference, "crash-reference", "reference")) {
            long stored = 0;
            for (int kill = 1; kill <= KILLS; kill++) {
                long before = stored;
                try (ServiceProcess consumer = start(crashing, "crash-it", "life-" + kill)) {
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                            .until(() -> frames(crashed) > before + 1000);
                    Thread.sleep(random.nextInt(300));
                    consumer.kill();
                }
                stored = frames(crashed);
                assertThat(stored).as("kill %d came in the middle of the ingest", kill).isLessThan(expectedFrames);
            }
            try (ServiceProcess consumer = start(crashing, "crash-it", "last-life")) {
                await().atMost(Duration.ofSeconds(180)).until(() -> frames(crashed) == expectedFrames
                        && frames(uninterrupted) == expectedFrames && laps(crashed).equals(laps(uninterrupted)));
            }
        }
        assertThat(crashed.sql("SELECT count(*) FROM (SELECT DISTINCT session_ref, sequence FROM telemetry_frames) f")
                .query(Long.class).single()).isEqualTo(expectedFrames);
        assertThat(sessions(crashed)).isEqualTo(sessions(uninterrupted)).hasSize(USERS.size() * 2);
        assertThat(laps(crashed)).isEqualTo(laps(uninterrupted)).hasSizeGreaterThanOrEqualTo(USERS.size() * 2 * 4);
    }

    private static ServiceProcess start(TestDatabase database, String group, String name) throws Exception {
        return ServiceProcess.start(ServiceProcess.jarFromProperty("db-consumer.jar"),
                Path.of("target", "crash-" + name + ".log"), List.of("-Xmx256m"),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--purplesector.db-consumer.topic-pattern=telemetry-user-crash-.*",
                "--purplesector.db-consumer.group=" + group,
                "--purplesector.db-consumer.dead-letter-topic=crash-it-dlt",
                // Small transactions: many of them to be killed in the middle of.
                "--purplesector.db-consumer.batch.max-frames=200",
                // A restarted instance takes its predecessor's place in the group at once, rather
                // than after the dead one's session times out.
                "--spring.kafka.consumer.properties.group.instance.id=" + group,
                "--server.port=0");
    }

    private static long frames(JdbcClient db) {
        try {
            return db.sql("SELECT count(*) FROM telemetry_frames").query(Long.class).single();
        } catch (RuntimeException notMigratedYet) {
            return 0;
        }
    }

    private static List<Map<String, Object>> laps(JdbcClient db) {
        return db.sql("""
                SELECT s.user_id, s.session_id, l.lap_number, l.lap_time_ms, l.time_source, l.valid, l.out_lap,
                       l.in_lap, l.partial, l.sector_times_ms::text AS sectors, l.started_at, l.ended_at,
                       l.first_sequence, l.last_sequence
                FROM laps l JOIN sessions s ON s.id = l.session_ref
                ORDER BY s.user_id, s.session_id, l.lap_number""").query().listOfRows();
    }

    private static List<Map<String, Object>> sessions(JdbcClient db) {
        return db.sql("""
                SELECT user_id, session_id, game, track, car, started_at, ended_at, end_reason, frame_count,
                       last_sequence, last_frame_at, lap_state::text AS lap_state
                FROM sessions ORDER BY user_id, session_id""").query().listOfRows();
    }
}
