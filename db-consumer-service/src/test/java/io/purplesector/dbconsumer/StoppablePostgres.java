package io.purplesector.dbconsumer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server of one test's own that can be stopped and started again on the same port
 * and data, as an outage of the database would look to a service.
 */
final class StoppablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private @Nullable EmbeddedPostgres running;

    StoppablePostgres(Path dataDirectory) throws IOException {
        this.dataDirectory = dataDirectory;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        Files.createDirectories(dataDirectory.getParent());
        start();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    void start() throws IOException {
        running = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false).start();
    }

    void stop() throws IOException {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
