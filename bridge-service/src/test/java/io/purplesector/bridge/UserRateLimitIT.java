package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.testsupport.BadInput;
import io.purplesector.testsupport.WithTestKafka;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A user's clients together are held to the user's message rate, each well within its own: the
 * connection whose message breaks it is closed with 1008, another user's client is served on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.bridge.auth.enabled=false",
        "purplesector.bridge.limits.messages-per-client=1000",
        "purplesector.bridge.limits.messages-per-user=8",
        "purplesector.bridge.limits.messages-per-address=1000"})
@WithTestKafka
@BadInput
class UserRateLimitIT {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void aUsersClientsTogetherAreHeldToTheUsersRate() throws Exception {
        try (TestClient one = connected("?userId=rate-pair"); TestClient two = connected("?userId=rate-pair");
                TestClient other = connected("?userId=rate-other")) {
            // A hundred messages between them: over twelve seconds' worth of the user's rate, sent in far less.
            TestClient closed = TestClient.floodUntilOneIsClosed(one, two, 50);
            assertThat(closed.closeCode.get()).isEqualTo(1008);
            assertThat(closed.closeReason.get()).isEqualTo("more than 8 messages a second for this user");
            assertThat(meters.get("bridge.limits.reached").tag("limit", "user-message-rate").counter().count())
                    .isGreaterThanOrEqualTo(1);
            other.send(TestClient.PING);
            assertThat(List.of(other.next().getType())).containsExactly(MessageType.PONG);
        }
    }

    private TestClient connected(String query) throws InterruptedException {
        TestClient client = TestClient.connect(port, query);
        assertThat(client.next().getType()).isEqualTo(MessageType.CONNECTED);
        return client;
    }
}
