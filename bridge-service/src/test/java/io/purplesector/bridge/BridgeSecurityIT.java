package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.testsupport.BadInput;
import io.purplesector.testsupport.WithTestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Authentication on: who may watch which user, decided before the WebSocket upgrade. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.bridge.auth.enabled=true",
        "purplesector.bridge.auth.hmac-secret=" + BridgeSecurityIT.SECRET,
        "purplesector.bridge.websocket.allowed-origins=http://dashboard.example"})
@WithTestKafka
@BadInput
class BridgeSecurityIT {

    static final String SECRET = "a-test-secret-that-is-at-least-32-bytes-long";

    @LocalServerPort
    int port;

    @Test
    void anonymousCallersSeeNoSessionsAndNoHealthDetails() throws Exception {
        HttpClient http = HttpClient.newHttpClient();

        java.net.http.HttpResponse<String> sessions = http.send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/sessions")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        java.net.http.HttpResponse<String> health = http.send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(sessions.statusCode()).isEqualTo(404);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"kafka\":{\"status\":\"UP\"}").doesNotContain("details", "clusterId");
    }

    @Test
    void tokenForTheUserAdmitsTheClient() throws Exception {
        try (TestClient alice = TestClient.connect(port, "?userId=alice&access_token=" + token("alice", SECRET, 60))) {
            assertThat(alice.next().getType()).isEqualTo(MessageType.CONNECTED);
        }
    }

    @Test
    void tokenSubjectIsTheUserWhenNoneIsAskedFor() throws Exception {
        try (TestClient alice = TestClient.connect(port, "?access_token=" + token("alice", SECRET, 60))) {
            assertThat(alice.next().getType()).isEqualTo(MessageType.CONNECTED);
        }
    }

    @Test
    void tokenOfAnotherUserIsRefusedWith403() {
        assertThat(handshakeStatus("?userId=alice&access_token=" + token("bob", SECRET, 60), null)).isEqualTo(403);
    }

    @Test
    void missingBadExpiredOrForeignTokensAreRefusedWith401() {
        assertThat(handshakeStatus("?userId=alice", null)).isEqualTo(401);
        assertThat(handshakeStatus("?userId=alice&access_token=not.a.jwt", null)).isEqualTo(401);
        assertThat(handshakeStatus("?userId=alice&access_token=" + token("alice", SECRET, -120), null)).isEqualTo(401);
        assertThat(handshakeStatus("?userId=alice&access_token="
                + token("alice", "another-secret-that-is-at-least-32-bytes", 60), null)).isEqualTo(401);
    }

    @Test
    void theTokenIsReadFromTheAuthorizationHeaderAsSpringSecurityReadsIt() {
        String alice = token("alice", SECRET, 60);
        assertThat(handshakeStatus("?userId=alice", null, "Bearer " + alice)).isEqualTo(101);
        assertThat(handshakeStatus("?userId=alice", null, "Bearer not a token")).as("malformed").isEqualTo(401);
        assertThat(handshakeStatus("?userId=alice&access_token=" + alice, null, "Bearer " + alice))
                .as("two tokens: which one would count is not for the bridge to guess").isEqualTo(401);
    }

    @Test
    void illegalUserIdIsRefusedWith400AndForeignOriginWith403() {
        assertThat(handshakeStatus("?userId=a.b&access_token=" + token("a.b", SECRET, 60), null)).isEqualTo(400);
        assertThat(handshakeStatus("?access_token=" + token("alice", SECRET, 60), "http://evil.example")).isEqualTo(403);
        assertThat(handshakeStatus("?access_token=" + token("alice", SECRET, 60), "http://dashboard.example"))
                .isEqualTo(101);
    }

    private int handshakeStatus(String query, String origin) {
        return handshakeStatus(query, origin, null);
    }

    private int handshakeStatus(String query, String origin, String authorization) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        Throwable failure = catchThrowable(() -> builder
                .buildAsync(URI.create("ws://localhost:" + port + "/" + query), new WebSocket.Listener() { })
                .join().abort());
        if (failure == null) {
            return 101;
        }
        assertThat(failure).isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    static String token(String subject, String secret, long validForSeconds) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                    .subject(subject)
                    .issueTime(Date.from(Instant.now().minusSeconds(300)))
                    .expirationTime(Date.from(Instant.now().plusSeconds(validForSeconds)))
                    .build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
