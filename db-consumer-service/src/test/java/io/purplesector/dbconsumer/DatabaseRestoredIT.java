package io.purplesector.dbconsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.testsupport.TestDatabase;
import io.purplesector.testsupport.TestPostgres;
import io.purplesector.testsupport.WithTestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database restored from a backup while the consumer runs on, as a database that lost
 * transactions it had acknowledged would look too: the consumer has read past where the database
 * now stands. The frames stored after the backup must be read again, not skipped, and every frame
 * must end in the database once.
 */
@SpringBootTest(properties = {
        "purplesector.db-consumer.topic-pattern=telemetry-user-restore-.*",
        "purplesector.db-consumer.group=restore-it",
        "purplesector.db-consumer.dead-letter-topic=restore-it-dlt",
        "purplesector.db-consumer.batch.max-frames=500"})
@WithTestKafka
class DatabaseRestoredIT {

    private static final TestDatabase database = TestPostgres.createDatabase();

    @Autowired
    JdbcClient db;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
    }

    @Test
    void framesStoredAfterTheBackupAreReadAgainAndEveryFrameEndsStoredOnce() {
        DemoData.createUserTopics(List.of("restore-a"));
        List<TelemetryRecord> session = DemoData.session("restore-a", "restore-a-1", 401, 2);
        int third = session.size() / 3;
        List<TelemetryRecord> beforeBackup = session.subList(0, third);
        List<TelemetryRecord> afterBackup = session.subList(third, 2 * third);

        DemoData.publish(beforeBackup);
        await().atMost(Duration.ofSeconds(60)).until(() -> frames() == frames(beforeBackup));
        TestDatabase backup = whilePaused(() -> TestPostgres.copyOf(database));
        DemoData.publish(afterBackup);
        await().atMost(Duration.ofSeconds(60)).until(() -> frames() == frames(beforeBackup) + frames(afterBackup));

        whilePaused(() -> TestPostgres.restore(database, backup));
        // The pool's first connections after the restore were ended by it: read until one answers.
        await().atMost(Duration.ofSeconds(30)).until(() -> frames() >= 0);
        assertThat(frames()).as("frames in the restored database").isEqualTo(frames(beforeBackup));
        DemoData.publish(session.subList(2 * third, session.size()));

        await().atMost(Duration.ofSeconds(60)).until(() -> frames() == frames(session));
        assertThat(db.sql("SELECT count(*) FROM (SELECT DISTINCT session_ref, sequence FROM telemetry_frames) f")
                .query(Long.class).single()).isEqualTo(frames(session));
        assertThat(db.sql("SELECT count(*) FROM laps").query(Long.class).single())
                .isEqualTo(session.stream().filter(TelemetryRecord::hasLapCompleted).count());
        assertThat(meters.get("telemetry.partitions.read.again").counter().count()).isEqualTo(1);
    }

    /** Makes the database's copy with the listener paused, so that it opens no connection meanwhile. */
    private TestDatabase whilePaused(Supplier<TestDatabase> copy) {
        AtomicReference<TestDatabase> made = new AtomicReference<>();
        whilePaused(() -> made.set(copy.get()));
        return made.get();
    }

    /**
     * Runs the work with the listener paused (not stopped: the consumer keeps its partitions and
     * where it reads them from), so that it opens no connection meanwhile.
     */
    private void whilePaused(Runnable work) {
        MessageListenerContainer container = Objects.requireNonNull(listeners.getListenerContainer("telemetry-ingest"));
        container.pause();
        await().atMost(Duration.ofSeconds(30)).until(container::isContainerPaused);
        try {
            work.run();
        } finally {
            container.resume();
        }
    }

    private long frames() {
        try {
            return db.sql("SELECT count(*) FROM telemetry_frames").query(Long.class).single();
        } catch (RuntimeException databaseAway) {
            return -1;
        }
    }

    private static long frames(List<TelemetryRecord> records) {
        return records.stream().filter(TelemetryRecord::hasFrame).count();
    }
}
