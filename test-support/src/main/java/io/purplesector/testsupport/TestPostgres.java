package io.purplesector.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server of this test JVM: the one named by {@code PS_TEST_DATABASE_URL}, or an
 * embedded PostgreSQL 17 started on first use and stopped when the JVM exits. Tests never share
 * a database: each {@link #createDatabase()} makes a new, empty one.
 */
public final class TestPostgres {

    private TestPostgres() {
    }

    /** Creates a new, empty database on the server, starting the embedded one if needed. */
    public static TestDatabase createDatabase() {
        Server server = Holder.SERVER;
        String name = "ps_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection connection = server.admin().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " on " + server.baseUrl()
                    + " (the user needs the CREATEDB privilege): " + e.getMessage(), e);
        }
        return new TestDatabase(name, server.urlOf(name), server.user(), server.password());
    }

    /** Whether the tests run against an external server rather than the embedded one. */
    public static boolean isExternal() {
        return InfrastructureSettings.fromEnvironment().postgres() != null;
    }

    private record Server(String baseUrl, String user, String password) {

        /** A connection to the server's maintenance database, for creating databases. */
        PGSimpleDataSource admin() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(baseUrl);
            dataSource.setUser(user);
            dataSource.setPassword(password);
            return dataSource;
        }

        String urlOf(String database) {
            int query = baseUrl.indexOf('?');
            String withoutQuery = query < 0 ? baseUrl : baseUrl.substring(0, query);
            String parameters = query < 0 ? "" : baseUrl.substring(query);
            return withoutQuery.substring(0, withoutQuery.lastIndexOf('/') + 1) + database + parameters;
        }
    }

    /** Initialised on first access, once, by the JVM's class initialisation lock. */
    private static final class Holder {

        static final Server SERVER = start();

        private static Server start() {
            InfrastructureSettings.ExternalPostgres external = InfrastructureSettings.fromEnvironment().postgres();
            if (external != null) {
                return new Server(external.jdbcUrl(), external.user(), external.password());
            }
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "test-postgres-shutdown"));
                return new Server(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL server", e);
            }
        }

        private static void close(EmbeddedPostgres postgres) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
