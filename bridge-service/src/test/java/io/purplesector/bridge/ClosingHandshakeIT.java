package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.purplesector.testsupport.BadInput;
import io.purplesector.testsupport.WithTestKafka;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A connection the server closes ends with the closing handshake, not a reset: a client still
 * sending when its close frame is sent reads why it was closed and sees the connection end
 * cleanly once it answers; a client that never answers is cut after the close timeout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.bridge.auth.enabled=false",
        "purplesector.bridge.limits.messages-per-client=5",
        "purplesector.bridge.websocket.close-timeout=1s"})
@WithTestKafka
@BadInput
class ClosingHandshakeIT {

    private static final byte[] PING = TestClient.PING.toByteArray();

    @LocalServerPort
    int port;

    @Test
    void aClientStillSendingAfterItsCloseReadsWhyAndTheConnectionEndsCleanly() throws Exception {
        try (RawClient flood = new RawClient(port, "?userId=closing-flood")) {
            flood.sendBinary(PING, 50);
            // Time for the server to close; what follows would meet a closed socket, and a reset.
            Thread.sleep(300);
            flood.sendBinary(PING, 50);

            assertThat(flood.readCloseCode(Duration.ofSeconds(10))).isEqualTo(1008);
            flood.sendClose(1000);
            assertThat(flood.bytesUntilClosed(Duration.ofSeconds(10))).as("bytes after the close frame").isZero();
        }
    }

    @Test
    void aClientThatNeverAnswersTheCloseIsCutAfterTheCloseTimeout() throws Exception {
        try (RawClient flood = new RawClient(port, "?userId=closing-silent")) {
            flood.sendBinary(PING, 50);

            assertThat(flood.readCloseCode(Duration.ofSeconds(10))).isEqualTo(1008);
            assertThat(flood.readUntilClosed(Duration.ofSeconds(10)))
                    .isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
        }
    }
}
