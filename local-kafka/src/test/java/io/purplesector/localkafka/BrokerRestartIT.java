package io.purplesector.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker killed (SIGKILL) and started again on its data is ready without waiting out the
 * session of its earlier life: the controller, started again with it, refuses the new
 * registration until a broker session has passed since it became active.
 */
class BrokerRestartIT {

    /** Kafka's default {@code broker.session.timeout.ms}, which a restart used to wait out. */
    private static final Duration DEFAULT_SESSION = Duration.ofSeconds(9);
    private static final String ACTIVE = "Performing controller activation";
    private static final String STARTED = "Kafka Server started";

    @TempDir
    Path home;

    @Test
    void aBrokerKilledAndStartedAgainIsReadyWithinASessionOfItsController() throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        Process first = start(port, controllerPort, home.resolve("first.log"));
        try {
            awaitLine(home.resolve("first.log"), STARTED, first);
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        Path log = home.resolve("again.log");
        Process again = start(port, controllerPort, log);
        try {
            awaitLine(log, STARTED, again);
            Duration activeToReady = Duration.between(timeOf(log, ACTIVE), timeOf(log, STARTED));
            System.out.printf("local-kafka: started again; ready %d ms after its controller became active%n",
                    activeToReady.toMillis());
            assertThat(activeToReady).isLessThan(DEFAULT_SESSION);
        } finally {
            again.destroy();
            again.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(int port, int controllerPort, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                LocalKafka.class.getName(), home.resolve("data").toString(), String.valueOf(port),
                String.valueOf(controllerPort))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitLine(Path log, String text, Process broker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.readString(log).contains(text)) {
            assertThat(broker.isAlive()).as("the broker is running; its log:%n%s", Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("'%s' within two minutes", text).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** When the broker logged the line: its log lines start with an ISO 8601 time (log4j2.xml). */
    private static LocalDateTime timeOf(Path log, String text) throws IOException {
        List<String> lines = Files.readAllLines(log);
        String line = lines.stream().filter(candidate -> candidate.contains(text)).findFirst().orElseThrow();
        return LocalDateTime.parse(line.substring(0, "2026-01-01T00:00:00,000".length()).replace(',', '.'));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
