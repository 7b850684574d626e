package io.purplesector.bridge.websocket;

import io.purplesector.bridge.BridgeProperties;
import io.purplesector.bridge.auth.ClientIdentity;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;

/**
 * Serves the protocol at {@code /} (the earlier implementation's address), with the frame size
 * limit enforced by the server itself, sessions that write frames encoded once for all their
 * clients, and the handshake's decision passed to the session.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

    @Bean
    HandlerMapping webSocketMapping(TelemetryWebSocketHandler handler) {
        // After the dashboard's routes (order -1), which only take requests that are no upgrade.
        return new SimpleUrlHandlerMapping(Map.of("/", handler), 1);
    }

    /** Ahead of WebFlux's default adapter (order 2), which knows neither the limit nor the identity. */
    @Bean
    WebSocketHandlerAdapter telemetryWebSocketAdapter(BridgeProperties properties) {
        HandshakeWebSocketService handshake = new HandshakeWebSocketService(
                new EncodedFrameUpgradeStrategy(properties.websocket().maxMessageBytes(),
                        properties.websocket().closeTimeout()));
        // The handshake filter's decision lives on the exchange; Spring copies only WebSession
        // attributes into the WebSocket session, and the bridge keeps no web sessions.
        WebSocketService service = (exchange, handler) -> handshake.handleRequest(exchange, session -> {
            Object identity = exchange.getAttribute(ClientIdentity.ATTRIBUTE);
            if (identity != null) {
                session.getAttributes().put(ClientIdentity.ATTRIBUTE, identity);
            }
            return handler.handle(session);
        });
        WebSocketHandlerAdapter adapter = new WebSocketHandlerAdapter(service);
        adapter.setOrder(0);
        return adapter;
    }
}
