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

    /** PostgreSQL's "object in use": a database to copy has other sessions. */
    private static final String IN_USE = "55006";

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

    /**
     * A copy of the database as it is now, as a backup would hold it: the connections to the
     * database are ended first (PostgreSQL copies only a database nobody is connected to), so the
     * test pauses whatever would open new ones meanwhile.
     */
    public static TestDatabase copyOf(TestDatabase database) {
        String copy = database.name() + "_copy";
        // A pool may connect again between the two statements: then they are tried again.
        for (int attempt = 1; ; attempt++) {
            try {
                adminStatements("copy " + database.name(), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = '" + database.name() + "' AND pid <> pg_backend_pid()",
                        "CREATE DATABASE " + copy + " TEMPLATE " + database.name());
                break;
            } catch (IllegalStateException e) {
                if (attempt == 10 || !(e.getCause() instanceof SQLException sql && IN_USE.equals(sql.getSQLState()))) {
                    throw e;
                }
            }
        }
        return new TestDatabase(copy, Holder.SERVER.urlOf(copy), database.user(), database.password());
    }

    /**
     * Puts a copy made by {@link #copyOf} back in the database's place, as a restore from a
     * backup would: its connections are ended, and it is dropped and made again from the copy.
     */
    public static void restore(TestDatabase database, TestDatabase copy) {
        adminStatements("restore " + database.name(), "DROP DATABASE " + database.name() + " WITH (FORCE)",
                "CREATE DATABASE " + database.name() + " TEMPLATE " + copy.name());
    }

    private static void adminStatements(String what, String... statements) {
        Server server = Holder.SERVER;
        try (Connection connection = server.admin().getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot " + what + " on " + server.baseUrl() + ": " + e.getMessage(), e);
        }
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
