package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.testsupport.BadInput;
import io.purplesector.testsupport.WithTestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The clients of one address together are held to the address's message rate, each client and
 * each user well within its own: the connection whose message breaks it is closed with 1008.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.bridge.auth.enabled=false",
        "purplesector.bridge.limits.messages-per-client=1000",
        "purplesector.bridge.limits.messages-per-user=1000",
        "purplesector.bridge.limits.messages-per-address=8"})
@WithTestKafka
@BadInput
class AddressRateLimitIT {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void anAddresssClientsTogetherAreHeldToTheAddresssRate() throws Exception {
        try (TestClient one = connected("?userId=address-one"); TestClient two = connected("?userId=address-two")) {
            // A hundred messages between two users from one address: twelve seconds' worth of its rate.
            TestClient closed = TestClient.floodUntilOneIsClosed(one, two, 50);
            assertThat(closed.closeCode.get()).isEqualTo(1008);
            assertThat(closed.closeReason.get()).isEqualTo("more than 8 messages a second from this address");
            assertThat(meters.get("bridge.limits.reached").tag("limit", "address-message-rate").counter().count())
                    .isGreaterThanOrEqualTo(1);
        }
    }

    private TestClient connected(String query) throws InterruptedException {
        TestClient client = TestClient.connect(port, query);
        assertThat(client.next().getType()).isEqualTo(MessageType.CONNECTED);
        return client;
    }
}
