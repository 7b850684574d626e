package io.purplesector.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.purplesector.testsupport.BrokerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

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

    @Test
    void aBrokerKilledAndStartedAgainIsReadyWithinASessionOfItsController() throws Exception {
        try (BrokerProcess broker = BrokerProcess.start("restart")) {
            broker.kill();
            broker.startAgain();

            Path log = broker.log();
            await().atMost(Duration.ofMinutes(1)).until(() -> Files.readString(log).contains(STARTED));
            Duration activeToReady = Duration.between(timeOf(log, ACTIVE), timeOf(log, STARTED));
            System.out.printf("local-kafka: started again; ready %d ms after its controller became active%n",
                    activeToReady.toMillis());
            assertThat(activeToReady).isLessThan(DEFAULT_SESSION);
        }
    }

    /** When the broker logged the line: its log lines start with an ISO 8601 time (log4j2.xml). */
    private static LocalDateTime timeOf(Path log, String text) throws IOException {
        String line = Files.readAllLines(log).stream().filter(candidate -> candidate.contains(text)).findFirst()
                .orElseThrow();
        return LocalDateTime.parse(line.substring(0, "2026-01-01T00:00:00,000".length()).replace(',', '.'));
    }
}
