package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.testsupport.WithTestKafka;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The server pings; clients that answer stay, clients that go silent are closed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.bridge.auth.enabled=false",
        "purplesector.bridge.websocket.ping-interval=200ms",
        "purplesector.bridge.websocket.idle-timeout=1s"})
@WithTestKafka
class KeepAliveIT {

    @LocalServerPort
    int port;

    @Test
    void clientAnsweringPingsStaysConnectedWhileASilentOneIsClosed() throws Exception {
        try (TestClient answering = TestClient.connect(port, "?userId=k");
                RawClient silent = new RawClient(port, "?userId=k")) {
            answering.next();

            Duration silentFor = silent.readUntilClosed(Duration.ofSeconds(10));

            assertThat(silentFor).isBetween(Duration.ofMillis(800), Duration.ofSeconds(5));
            assertThat(answering.pings.get()).isGreaterThanOrEqualTo(3);
            answering.send(TestClient.PING);
            assertThat(answering.next().getType()).isEqualTo(MessageType.PONG);
            assertThat(answering.closeCode).isNotDone();
        }
    }
}
