package io.purplesector.bridge.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.bridge.BridgeProperties;
import io.purplesector.telemetry.proto.kafka.InvalidUserIdException;
import io.purplesector.telemetry.proto.kafka.Topics;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Decides, before the WebSocket upgrade, who a client is and whether it may connect: the origin
 * must be allowed, the {@code userId} must be a legal id, and with authentication on a valid
 * token must name that user (or, without {@code userId}, names it). A refusal is a plain HTTP
 * answer (400, 401 or 403 with a one-line reason), so the client never gets a socket. The
 * connection limits are the handler's, which sees a connection end.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HandshakeFilter implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(HandshakeFilter.class);

    /** Why a handshake is refused: the {@code reason} tag of {@code bridge.handshakes.rejected}. */
    private enum Refusal {
        ORIGIN_NOT_ALLOWED("origin-not-allowed"),
        INVALID_USER_ID("invalid-user-id"),
        MISSING_TOKEN("missing-token"),
        INVALID_TOKEN("invalid-token"),
        OTHER_USER("other-user");

        final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }
    }

    private final BridgeProperties properties;
    private final TokenVerifier tokens;
    /** The token from {@code Authorization: Bearer} or, as browsers cannot set headers on a WebSocket, {@code ?access_token=}. */
    private final ServerBearerTokenAuthenticationConverter bearerTokens = new ServerBearerTokenAuthenticationConverter();
    /** Registered once, not per refused handshake. */
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

    HandshakeFilter(BridgeProperties properties, TokenVerifier tokens, MeterRegistry registry) {
        this.properties = properties;
        this.tokens = tokens;
        this.bearerTokens.setAllowUriQueryParameter(true);
        for (Refusal refusal : Refusal.values()) {
            refused.put(refusal, Counter.builder("bridge.handshakes.rejected").tag("reason", refusal.tag)
                    .description("WebSocket handshakes refused").register(registry));
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!isWebSocketUpgrade(exchange)) {
            return chain.filter(exchange);
        }
        String origin = exchange.getRequest().getHeaders().getOrigin();
        List<String> allowed = properties.websocket().allowedOrigins();
        if (origin != null && !allowed.isEmpty() && !allowed.contains(origin)) {
            return refuse(exchange, HttpStatus.FORBIDDEN, Refusal.ORIGIN_NOT_ALLOWED, "Origin " + origin + " is not allowed");
        }
        String userId = exchange.getRequest().getQueryParams().getFirst("userId");
        if (userId != null) {
            try {
                Topics.requireValidUserId(userId);
            } catch (InvalidUserIdException e) {
                return refuse(exchange, HttpStatus.BAD_REQUEST, Refusal.INVALID_USER_ID, e.getMessage());
            }
        }
        if (!Boolean.TRUE.equals(properties.auth().enabled())) {
            return proceed(exchange, chain, new ClientIdentity(userId == null ? "" : userId, false, address(exchange)));
        }
        return bearerTokens.convert(exchange)
                .map(authentication -> ((BearerTokenAuthenticationToken) authentication).getToken())
                .flatMap(token -> tokens.subject(token).map(TokenCheck::valid))
                .onErrorResume(e -> Mono.just(TokenCheck.invalid(problem(e))))
                .defaultIfEmpty(TokenCheck.MISSING)
                .flatMap(check -> {
                    if (check == TokenCheck.MISSING) {
                        return refuse(exchange, HttpStatus.UNAUTHORIZED, Refusal.MISSING_TOKEN,
                                "A token is required: ?access_token=<jwt> or Authorization: Bearer <jwt>");
                    }
                    if (check.subject() == null) {
                        return refuse(exchange, HttpStatus.UNAUTHORIZED, Refusal.INVALID_TOKEN, "Invalid token: " + check.problem());
                    }
                    if (userId != null && !userId.equals(check.subject())) {
                        return refuse(exchange, HttpStatus.FORBIDDEN, Refusal.OTHER_USER,
                                "The token is for user " + check.subject() + ", not " + userId);
                    }
                    return proceed(exchange, chain, new ClientIdentity(check.subject(), true, address(exchange)));
                });
    }

    private static boolean isWebSocketUpgrade(ServerWebExchange exchange) {
        return "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade());
    }

    /** What is wrong with a token: the description Spring Security gives a malformed request, or the check's first line. */
    private static String problem(Throwable failure) {
        if (failure instanceof OAuth2AuthenticationException malformed && malformed.getError().getDescription() != null) {
            return malformed.getError().getDescription();
        }
        return firstLine(failure.getMessage());
    }

    private static Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, ClientIdentity identity) {
        exchange.getAttributes().put(ClientIdentity.ATTRIBUTE, identity);
        return chain.filter(exchange);
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, Refusal reason, String message) {
        refused.get(reason).increment();
        log.debug("Refused WebSocket handshake from {}: {}", exchange.getRequest().getRemoteAddress(), message);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A token's subject, or what is wrong with the token. */
    private record TokenCheck(@Nullable String subject, String problem) {

        /** The request carries no token at all. */
        static final TokenCheck MISSING = new TokenCheck(null, "no token");

        static TokenCheck valid(String subject) {
            return new TokenCheck(subject, "");
        }

        static TokenCheck invalid(String problem) {
            return new TokenCheck(null, problem);
        }
    }
}
