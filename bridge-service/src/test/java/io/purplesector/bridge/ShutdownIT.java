package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.testsupport.TestKafka;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A bridge that stops with clients connected tells them it is going away, so that they connect
 * again at once, and stops without waiting for them (its graceful shutdown used to wait 30 s for
 * WebSockets that never end by themselves).
 */
class ShutdownIT {

    @Test
    void clientsAreToldTheBridgeIsGoingAwayAndItStopsWithoutWaitingOutTheGracePeriod() throws Exception {
        ConfigurableApplicationContext bridge = new SpringApplicationBuilder(BridgeApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(), "--server.port=0",
                "--purplesector.bridge.auth.enabled=false");
        int port = ((WebServerApplicationContext) bridge).getWebServer().getPort();
        try (TestClient one = TestClient.connect(port, "?userId=leaving");
                TestClient two = TestClient.connect(port, "?userId=leaving-too")) {
            assertThat(one.next().getType()).isEqualTo(MessageType.CONNECTED);
            assertThat(two.next().getType()).isEqualTo(MessageType.CONNECTED);

            long stopping = System.nanoTime();
            bridge.close();
            Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);

            for (TestClient client : new TestClient[] {one, two}) {
                assertThat(client.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
                assertThat(client.closeReason.get()).isEqualTo("The bridge is shutting down");
            }
            // The server's grace period is 30 s: a bridge that waited for its clients took all of it.
            assertThat(stopped).isLessThan(Duration.ofSeconds(20));
        }
    }
}
