package io.purplesector.testsupport;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A PostgreSQL server with the TimescaleDB extension, for the tests of what only happens where
 * the extension exists (hypertables, compression and retention policies). It needs a Docker
 * engine: use it from a class annotated {@code @Testcontainers(disabledWithoutDocker = true)},
 * so that the class is skipped, not failed, where none runs. Everything else is tested on
 * {@link TestPostgres} as well.
 */
public final class TimescaleDb {

    /** TimescaleDB on PostgreSQL 17, the major version of the embedded server. */
    public static final DockerImageName IMAGE =
            DockerImageName.parse("timescale/timescaledb:2.17.2-pg17").asCompatibleSubstituteFor("postgres");

    private TimescaleDb() {
    }

    /** A new, not yet started container. */
    public static PostgreSQLContainer container() {
        return new PostgreSQLContainer(IMAGE);
    }
}
