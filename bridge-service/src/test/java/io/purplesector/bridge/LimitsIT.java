package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.testsupport.BadInput;
import io.purplesector.testsupport.WithTestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The limits of one client, one user and one address: a connection beyond a connection limit is
 * closed at once with 1008 and the limit named, and a connection that ends makes room again; a
 * message beyond a rate closes the connection that sent it with 1008, and nobody else's. A user's
 * rate, over all its clients, is {@link UserRateLimitIT}'s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.bridge.auth.enabled=false",
        "purplesector.bridge.limits.connections-per-user=2",
        "purplesector.bridge.limits.connections-per-address=5",
        "purplesector.bridge.limits.messages-per-client=5",
        "purplesector.bridge.limits.messages-per-user=1000",
        "purplesector.bridge.limits.messages-per-address=1000"})
@WithTestKafka
@BadInput
class LimitsIT {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void aUsersConnectionsBeyondTheLimitAreRefusedUntilOneEnds() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> addressesConnected() == 0);
        try (TestClient first = connected("?userId=lim-user"); TestClient second = connected("?userId=lim-user")) {
            assertRefused("?userId=lim-user", "this user has 2 connections already");
            assertThat(reached("user-connection-limit")).isEqualTo(1);
            try (TestClient otherUser = connected("?userId=lim-other")) {
                otherUser.send(TestClient.PING);
                assertThat(otherUser.next().getType()).isEqualTo(MessageType.PONG);
            }
            first.close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (TestClient third = connected("?userId=lim-user")) {
                    third.send(TestClient.PING);
                    assertThat(third.next().getType()).isEqualTo(MessageType.PONG);
                }
            });
        }
    }

    @Test
    void anAddresssConnectionsBeyondTheLimitAreRefused() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> addressesConnected() == 0);
        List<TestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                clients.add(connected("?userId=lim-address-" + i));
            }
            assertRefused("?userId=lim-address-5", "this address has 5 connections already");
        } finally {
            clients.forEach(TestClient::close);
        }
    }

    @Test
    void aClientSendingFasterThanItsRateIsClosedAndTheOthersGoOn() throws Exception {
        try (TestClient flood = connected("?userId=lim-flood"); TestClient calm = connected("?userId=lim-calm")) {
            for (int i = 0; i < 50; i++) {
                flood.sendIfOpen(TestClient.PING);
            }
            assertThat(flood.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
            assertThat(flood.closeReason.get()).isEqualTo("more than 5 messages a second from this connection");
            assertThat(reached("client-message-rate")).isGreaterThanOrEqualTo(1);
            calm.send(TestClient.PING);
            assertThat(calm.next().getType()).isEqualTo(MessageType.PONG);
        }
    }

    private TestClient connected(String query) throws InterruptedException {
        TestClient client = TestClient.connect(port, query);
        assertThat(client.next().getType()).isEqualTo(MessageType.CONNECTED);
        return client;
    }

    private void assertRefused(String query, String limit) throws Exception {
        try (TestClient refused = TestClient.connect(port, query)) {
            assertThat(refused.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
            assertThat(refused.closeReason.get()).isEqualTo("Too many connections: " + limit);
            assertThat(refused.messages).isEmpty();
        }
    }

    private double reached(String limit) {
        return meters.get("bridge.limits.reached").tag("limit", limit).counter().count();
    }

    private double addressesConnected() {
        return meters.get("bridge.addresses.connected").gauge().value();
    }
}
