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
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The consumer as a process of its own, killed with SIGKILL in the middle of an ingest again and
 * again, its database restarted under it in one of its lives, then left to finish; or one of two
 * instances of a group killed, the other left to take its partitions over: the database must hold
 * every frame once and the laps of a run that was never interrupted (another process, into another
 * database, at the same time).
 */
class CrashIT {

    private static final List<String> USERS = List.of("crash-a", "crash-b", "crash-c");
    private static final int KILLS = 3;
    /** The life in which PostgreSQL is restarted under the running consumer, before it is killed. */
    private static final int DATABASE_RESTART = 2;
    private static final List<String> PAIR_USERS = List.of("pair-a", "pair-b");
    private static final String PAIR_TOPICS = "telemetry-user-pair-.*";

    @Test
    void killedHardMidIngestSeveralTimesWithTheDatabaseRestartedBetweenItStoresEveryFrameOnceAndTheSameLaps()
            throws Exception {
        DemoData.createUserTopics(USERS);
        List<TelemetryRecord> records = sessions(USERS, 2, 4, 100);
        DemoData.publish(records);
        long expectedFrames = records.stream().filter(TelemetryRecord::hasFrame).count();

        TestDatabase reference = TestPostgres.createDatabase();
        JdbcClient uninterrupted = JdbcClient.create(reference.dataSource());
        SplittableRandom random = new SplittableRandom(7);

        // The crashing run's database is a server of its own, so that it can be restarted too.
        try (StoppablePostgres server = new StoppablePostgres(Path.of("target", "crash-postgres-" + UUID.randomUUID()));
                ServiceProcess referenceRun = start(reference, "crash-reference", "reference")) {
            TestDatabase crashing = new TestDatabase("postgres", server.jdbcUrl(), "postgres", "");
            JdbcClient crashed = JdbcClient.create(crashing.dataSource());
            long stored = 0;
            for (int kill = 1; kill <= KILLS; kill++) {
                long before = stored;
                try (ServiceProcess consumer = start(crashing, "crash-it", "life-" + kill)) {
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                            .until(() -> frames(crashed) > before + 1000);
                    if (kill == DATABASE_RESTART) {
                        // PostgreSQL restarted under the consumer: it resumes by itself.
                        long atRestart = frames(crashed);
                        server.stop();
                        server.start();
                        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                                .until(() -> frames(crashed) > atRestart + 1000);
                    }
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
            assertThat(crashed.sql("SELECT count(*) FROM (SELECT DISTINCT session_ref, sequence FROM telemetry_frames) f")
                    .query(Long.class).single()).isEqualTo(expectedFrames);
            assertThat(sessions(crashed)).isEqualTo(sessions(uninterrupted)).hasSize(USERS.size() * 2);
            assertThat(laps(crashed)).isEqualTo(laps(uninterrupted)).hasSizeGreaterThanOrEqualTo(USERS.size() * 2 * 4);
        }
    }

    /**
     * Two instances share the partitions of one group; one is killed hard in the middle of the
     * ingest and not restarted: once the group notices (its session times out), the survivor takes
     * its partitions over from the offsets stored with the rows, and the database ends exact.
     */
    @Test
    void twoInstancesInOneGroupOneKilledTheOtherTakesItsPartitionsAndTheDatabaseIsExact() throws Exception {
        DemoData.createUserTopics(PAIR_USERS);
        // Three sessions a user: sessions on most partitions, so that the one killed holds some.
        List<TelemetryRecord> records = sessions(PAIR_USERS, 3, 2, 200);
        long expectedFrames = records.stream().filter(TelemetryRecord::hasFrame).count();

        TestDatabase shared = TestPostgres.createDatabase();
        TestDatabase reference = TestPostgres.createDatabase();
        JdbcClient pair = JdbcClient.create(shared.dataSource());
        JdbcClient uninterrupted = JdbcClient.create(reference.dataSource());
        String group = "pair-it";
        try (ServiceProcess referenceRun = start(reference, PAIR_TOPICS, "pair-reference", null, "pair-reference");
                ServiceProcess survivor = start(shared, PAIR_TOPICS, group, null, "pair-survivor")) {
            long killedAt;
            try (ServiceProcess victim = start(shared, PAIR_TOPICS, group, null, "pair-victim")) {
                await().atMost(Duration.ofSeconds(120)).until(() -> members(group) == 2);
                DemoData.publish(records); // once both share the partitions
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .until(() -> frames(pair) > 1000);
                victim.kill();
                killedAt = System.currentTimeMillis();
            }
            long storedAtKill = frames(pair);
            assertThat(storedAtKill).as("the kill came in the middle of the ingest").isLessThan(expectedFrames);
            // Once the group notices the dead member, the survivor holds every partition.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> members(group) == 1 && partitionsOfTheOnlyMember(group) == PAIR_USERS.size() * 3);
            await().atMost(Duration.ofSeconds(180)).until(() -> frames(pair) == expectedFrames
                    && frames(uninterrupted) == expectedFrames && laps(pair).equals(laps(uninterrupted)));
            System.out.printf("two instances, one killed with %d of %d frames stored: the survivor had every frame"
                    + " stored %d ms after the kill%n", storedAtKill, expectedFrames, System.currentTimeMillis() - killedAt);
        }
        assertThat(pair.sql("SELECT count(*) FROM (SELECT DISTINCT session_ref, sequence FROM telemetry_frames) f")
                .query(Long.class).single()).isEqualTo(expectedFrames);
        assertThat(sessions(pair)).isEqualTo(sessions(uninterrupted)).hasSize(PAIR_USERS.size() * 3);
        assertThat(laps(pair)).isEqualTo(laps(uninterrupted)).hasSizeGreaterThanOrEqualTo(PAIR_USERS.size() * 3 * 2);
    }

    /** Sessions of so many laps, every user's in turn, the seeds counting up from the first. */
    private static List<TelemetryRecord> sessions(List<String> users, int sessionsEach, int laps, long firstSeed) {
        List<TelemetryRecord> records = new ArrayList<>();
        long seed = firstSeed;
        for (String user : users) {
            for (int i = 0; i < sessionsEach; i++) {
                records.addAll(DemoData.session(user, user + "-" + i, seed++, laps));
            }
        }
        return records;
    }

    private static ServiceProcess start(TestDatabase database, String group, String name) throws Exception {
        // A restarted instance takes its predecessor's place in the group at once, rather than
        // after the dead one's session times out.
        return start(database, "telemetry-user-crash-.*", group, group, name);
    }

    private static ServiceProcess start(TestDatabase database, String topics, String group,
            @Nullable String staticMember, String name) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--purplesector.db-consumer.topic-pattern=" + topics,
                "--purplesector.db-consumer.group=" + group,
                "--purplesector.db-consumer.dead-letter-topic=crash-it-dlt",
                // Small transactions: many of them to be killed in the middle of.
                "--purplesector.db-consumer.batch.max-frames=200",
                // A member that died is noticed after the broker's shortest session.
                "--spring.kafka.consumer.properties.session.timeout.ms=6000",
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
                "--server.port=0"));
        if (staticMember != null) {
            arguments.add("--spring.kafka.consumer.properties.group.instance.id=" + staticMember);
        }
        return ServiceProcess.start(ServiceProcess.jarFromProperty("db-consumer.jar"),
                Path.of("target", "crash-" + name + ".log"), List.of("-Xmx256m"), arguments.toArray(String[]::new));
    }

    /** The partitions assigned to the group's one member. */
    private static int partitionsOfTheOnlyMember(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().iterator().next()
                    .assignment().topicPartitions().size();
        }
    }

    /** Members of the consumer group now; none before the group exists. */
    private static int members(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw e;
        }
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
