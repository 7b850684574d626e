package io.purplesector.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Stops a service's Kafka listener, as a consumer that died would be, and checks what its
 * health says: overall and liveness DOWN (503) naming the listener, then UP again once the
 * listener is started.
 */
public final class ListenerStop {

    private ListenerStop() {
    }

    /** Stops the listener, checks health while it is stopped, starts it and checks health again. */
    public static void showsInHealth(int port, MessageListenerContainer listener) {
        HttpClient http = HttpClient.newHttpClient();
        listener.stop();
        try {
            // A request that times out on a machine busy with other tests is asked again, not a failure.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(HttpTimeoutException.class)
                    .untilAsserted(() -> {
                        HttpResponse<String> health = get(http, port, "/actuator/health");
                        assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
                        assertThat(health.body()).containsPattern("\"listeners\":\\{(\"details\":\\{[^}]*\""
                                + listener.getListenerId() + "\":\"stopped\"[^}]*\\},)?\"status\":\"DOWN\"");
                        assertThat(get(http, port, "/actuator/health/liveness").statusCode()).isEqualTo(503);
                    });
        } finally {
            listener.start();
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(HttpTimeoutException.class)
                .untilAsserted(() -> {
                    assertThat(get(http, port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
                    assertThat(get(http, port, "/actuator/health").body()).contains("\"listeners\":{")
                            .doesNotContainPattern("\"listeners\":\\{[^{]*(\\{[^}]*\\},)?\"status\":\"DOWN\"");
                });
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
