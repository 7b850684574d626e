package io.purplesector.bridge;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the bridge runs. Defaults are in {@code application.yml}.
 *
 * @param read which telemetry topics this instance reads: {@code watched} (those of the users its
 *        own clients watch, so that instances behind a load balancer share the reading) or
 *        {@code all}
 * @param sharedTopic the telemetry topic of records without a user (read for clients that name no
 *        user)
 * @param topicRefresh how often a watched user whose topic does not exist yet is looked for again
 * @param topicPattern the telemetry topics read with {@code read=all} (regular expression; new
 *        matching topics are picked up while running)
 * @param group the Kafka consumer group of this instance's telemetry reader, unique per instance
 * @param commandsTopic where dashboards' commands are published
 * @param maxFrameAge frames older than this (by their timestamp) are not delivered: after an
 *        outage a dashboard gets live data, not a burst of the past; zero delivers everything
 * @param websocket client handling
 * @param auth who may watch which user
 * @param limits what one client, one user and one address may open and send
 */
@Validated
@ConfigurationProperties("purplesector.bridge")
public record BridgeProperties(
        @NotNull Read read,
        @NotBlank String sharedTopic,
        @NotNull @DurationMin(millis = 100) Duration topicRefresh,
        @NotBlank String topicPattern,
        @NotBlank String group,
        @NotBlank String commandsTopic,
        @NotNull Duration maxFrameAge,
        @NotNull @Valid WebSocket websocket,
        @NotNull @Valid Auth auth,
        @NotNull @Valid Limits limits) {

    /** Which telemetry topics an instance reads. */
    public enum Read {
        /** Only the topics of the users this instance's clients watch, subscribed as they come and go. */
        WATCHED,
        /** Every telemetry topic, whoever watches. */
        ALL
    }

    /**
     * @param protobuf binary protobuf messages (the default) or JSON {@code {"type":..,"data":..}}
     *        for clients that do not choose with {@code ?format=}
     * @param sendBuffer messages held for a client that reads slower than frames arrive (rounded
     *        up to a power of two); beyond it the client's newest frames are dropped
     * @param maxMessageBytes largest message a client may send; larger closes with 1009
     * @param pingInterval how often the server pings each client
     * @param idleTimeout a client from which nothing (not even a pong) arrives for this long is
     *        closed with 1001
     * @param closeTimeout how long a connection the server closes waits for the client's close
     *        frame (reading and discarding what it still sends) before the socket is closed anyway
     * @param maxRateHz frames per second per session sent to a client that sets no rate of its own;
     *        0 sends every frame
     * @param demoRateHz frame rate of demo playback
     * @param allowedOrigins browser origins allowed to connect; empty allows any
     */
    public record WebSocket(
            boolean protobuf,
            @Min(1) @Max(100_000) int sendBuffer,
            @Min(64) @Max(16 * 1024 * 1024) int maxMessageBytes,
            @NotNull @DurationMin(millis = 100) Duration pingInterval,
            @NotNull @DurationMin(millis = 100) Duration idleTimeout,
            @NotNull @DurationMin(millis = 0) @DurationMax(seconds = 60) Duration closeTimeout,
            @Min(0) @Max(1000) int maxRateHz,
            @Min(1) @Max(1000) int demoRateHz,
            @NotNull List<String> allowedOrigins) {
    }

    /**
     * What one client, one user and one address may open and send. A connection beyond a connection
     * limit is closed at once, before {@code CONNECTED}, and a message beyond a rate closes the
     * connection that sent it, both with 1008 and the limit named. Addresses are as the server sees them: behind a proxy,
     * set {@code server.forward-headers-strategy} so that they are the clients'.
     *
     * @param connections WebSocket clients of this instance at once
     * @param connectionsPerUser clients watching one user at once
     * @param connectionsPerAddress clients from one address at once
     * @param messagesPerClient messages a second one client may send, in bursts of as many
     * @param messagesPerUser messages a second all clients of one user may send together
     * @param messagesPerAddress messages a second all clients from one address may send together
     */
    public record Limits(
            @Min(1) int connections,
            @Min(1) int connectionsPerUser,
            @Min(1) int connectionsPerAddress,
            @Min(1) int messagesPerClient,
            @Min(1) int messagesPerUser,
            @Min(1) int messagesPerAddress) {
    }

    /**
     * Authentication of WebSocket clients. It must be switched on or off explicitly.
     *
     * @param enabled whether clients must present a token (query {@code access_token} or header
     *        {@code Authorization: Bearer})
     * @param hmacSecret shared secret of HS256 tokens (at least 32 bytes)
     * @param jwksUri where the public keys of RS256/ES256 tokens are published
     */
    public record Auth(@Nullable Boolean enabled, @Nullable String hmacSecret, @Nullable String jwksUri) {

        @AssertTrue(message = "must be set: true (clients present a signed token) or false (anyone may watch"
                + " any user, for a trusted network only)")
        boolean isEnabledDecided() {
            return enabled != null;
        }

        @AssertTrue(message = "with authentication enabled, set exactly one of hmac-secret (at least 32 bytes)"
                + " or jwks-uri")
        boolean isKeyConfigured() {
            if (!Boolean.TRUE.equals(enabled)) {
                return true;
            }
            boolean secret = hmacSecret != null && !hmacSecret.isBlank();
            boolean jwks = jwksUri != null && !jwksUri.isBlank();
            return secret != jwks && (!secret || hmacSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 32);
        }
    }
}
