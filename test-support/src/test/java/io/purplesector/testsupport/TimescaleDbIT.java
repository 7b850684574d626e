package io.purplesector.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Runs only where a Docker engine does; skipped, not failed, elsewhere. */
@Testcontainers(disabledWithoutDocker = true)
class TimescaleDbIT {

    @Container
    static final PostgreSQLContainer timescale = TimescaleDb.container();

    @Test
    void containerOffersTheTimescaleDbExtension() throws Exception {
        try (Connection connection = timescale.createConnection("");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
            statement.execute("CREATE TABLE frames (time timestamptz NOT NULL, speed real)");
            try (ResultSet result = statement.executeQuery(
                    "SELECT hypertable_name FROM create_hypertable('frames', 'time')")) {
                assertThat(result.next()).isTrue();
            }
        }
    }
}
