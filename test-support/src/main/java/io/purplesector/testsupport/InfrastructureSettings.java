package io.purplesector.testsupport;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which infrastructure the tests use: external services when the environment names them,
 * otherwise embedded ones started by this JVM.
 *
 * @param kafkaBrokers bootstrap servers of an external broker, or {@code null} for the embedded one
 * @param postgres an external PostgreSQL server, or {@code null} for the embedded one
 */
record InfrastructureSettings(@Nullable String kafkaBrokers, @Nullable ExternalPostgres postgres) {

    static final String KAFKA_BROKERS = "PS_TEST_KAFKA_BROKERS";
    static final String DATABASE_URL = "PS_TEST_DATABASE_URL";
    static final String DATABASE_USER = "PS_TEST_DATABASE_USER";
    static final String DATABASE_PASSWORD = "PS_TEST_DATABASE_PASSWORD";

    /**
     * An external server: the tests connect with these credentials to create a database each,
     * so the user needs the CREATEDB privilege.
     */
    record ExternalPostgres(String jdbcUrl, String user, String password) {
    }

    static InfrastructureSettings fromEnvironment() {
        return from(System.getenv());
    }

    static InfrastructureSettings from(Map<String, String> environment) {
        String brokers = blankToNull(environment.get(KAFKA_BROKERS));
        String databaseUrl = blankToNull(environment.get(DATABASE_URL));
        ExternalPostgres postgres = null;
        if (databaseUrl != null) {
            if (!databaseUrl.startsWith("jdbc:postgresql://")) {
                throw new IllegalStateException(DATABASE_URL + " must be a JDBC URL of the form "
                        + "jdbc:postgresql://host:port/database, not \"" + databaseUrl + "\"");
            }
            postgres = new ExternalPostgres(databaseUrl,
                    environment.getOrDefault(DATABASE_USER, "postgres"),
                    environment.getOrDefault(DATABASE_PASSWORD, ""));
        }
        return new InfrastructureSettings(brokers, postgres);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
