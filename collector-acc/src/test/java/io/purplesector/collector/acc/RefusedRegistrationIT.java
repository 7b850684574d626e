package io.purplesector.collector.acc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.purplesector.collector.acc.simulator.AccSimulator;
import io.purplesector.testsupport.HttpSurface;
import io.purplesector.testsupport.WithTestKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A connection password the game does not know: the registration is refused, health says so
 * (REFUSED, with the game's words, HTTP 200 as shared memory still works) and the collector goes
 * on from shared memory alone.
 */
@WithTestKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.acc.user-id=acc-refused", "purplesector.acc.broadcasting.connection-password=not-the-game's",
        "purplesector.acc.broadcasting.register-interval=300ms"})
class RefusedRegistrationIT {

    private static AccSimulator game;

    @Autowired
    @Qualifier("game")
    HealthIndicator gameHealth;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void game(DynamicPropertyRegistry registry) throws IOException {
        game = SimulatedAcc.start(AccSimulator.Settings::both, registry);
    }

    @AfterAll
    static void stopGame() throws IOException {
        game.close();
    }

    @Test
    void aRefusedRegistrationIsSaidInHealthAndSharedMemoryGoesOn() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> gameHealth.health().getStatus().getCode().equals("REFUSED"));

        assertThat(gameHealth.health().getStatus().getDescription()).contains("Wrong password");
        assertThat(gameHealth.health().getDetails()).containsEntry("mode", "SHARED_MEMORY_ONLY");
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).as("the overall status").endsWith(",\"status\":\"REFUSED\"}");
    }

    @Test
    void httpShowsTheAgreedActuatorEndpointsOnlyAndErrorsWithoutStackTraces() throws Exception {
        HttpSurface.exposesOnlyTheAgreedActuatorEndpoints(port);
        HttpSurface.errorsCarryNoStackTrace(port, "/actuator/metrics/no.such.metric");
    }
}
