package io.purplesector.dbconsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.testsupport.TimescaleDb;
import io.purplesector.testsupport.WithTestKafka;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same migrations and ingest on TimescaleDB: frames in a hypertable with the configured
 * compression and retention policies. Needs Docker; skipped where none runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = {
        "purplesector.db-consumer.topic-pattern=telemetry-user-timescale-.*",
        "purplesector.db-consumer.group=timescale-it",
        "purplesector.db-consumer.dead-letter-topic=timescale-it-dlt",
        "purplesector.db-consumer.timescale.compress-after=2h",
        "purplesector.db-consumer.timescale.retention=30d"})
@WithTestKafka
class TimescaleIT {

    @Container
    static final PostgreSQLContainer timescale = TimescaleDb.container();

    @Autowired
    JdbcClient db;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", timescale::getJdbcUrl);
        registry.add("spring.datasource.username", timescale::getUsername);
        registry.add("spring.datasource.password", timescale::getPassword);
    }

    @Test
    void framesLiveInAHypertableWithCompressionAndRetentionPolicies() {
        assertThat(db.sql("""
                SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_name = 'telemetry_frames'""")
                .query(Long.class).single()).isOne();
        assertThat(db.sql("""
                SELECT proc_name FROM timescaledb_information.jobs WHERE hypertable_name = 'telemetry_frames'
                ORDER BY proc_name""").query(String.class).list())
                .containsExactly("policy_compression", "policy_retention");

        DemoData.createUserTopics(List.of("timescale-user"));
        List<TelemetryRecord> session = DemoData.session("timescale-user", "on-timescale", 5, 2);
        DemoData.publish(session);
        long frames = session.stream().filter(TelemetryRecord::hasFrame).count();
        await().atMost(Duration.ofSeconds(60)).until(() -> db.sql("SELECT count(*) FROM telemetry_frames")
                .query(Long.class).single() == frames);
        assertThat(db.sql("SELECT count(*) FROM laps").query(Long.class).single()).isEqualTo(2);
    }
}
