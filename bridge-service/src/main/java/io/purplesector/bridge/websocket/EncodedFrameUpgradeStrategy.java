package io.purplesector.bridge.websocket;

import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Upgrades a request the way Spring's Reactor Netty strategy does, but hands the handler an
 * {@link EncodedFrameSession}, which Spring's strategy has no hook to create, on a connection that
 * finishes the closing handshake before it closes ({@link ClosingHandshake}). Per-message
 * compression stays off: the frames are written as encoded, never rewritten per client.
 */
final class EncodedFrameUpgradeStrategy implements RequestUpgradeStrategy {

    private final int maxFramePayloadLength;
    private final Duration closeTimeout;

    EncodedFrameUpgradeStrategy(int maxFramePayloadLength, Duration closeTimeout) {
        this.maxFramePayloadLength = maxFramePayloadLength;
        this.closeTimeout = closeTimeout;
    }

    @Override
    public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
            Supplier<HandshakeInfo> handshakeInfoFactory) {
        ServerHttpResponse response = exchange.getResponse();
        HttpServerResponse reactorResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        HandshakeInfo info = handshakeInfoFactory.get();
        NettyDataBufferFactory bufferFactory = (NettyDataBufferFactory) response.bufferFactory();
        WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder().maxFramePayloadLength(maxFramePayloadLength);
        if (subProtocol != null) {
            spec.protocols(subProtocol);
        }
        // Completing the response first runs WebFlux's pre-commit actions, as Spring's strategy does.
        return response.setComplete().then(Mono.defer(() -> reactorResponse.sendWebsocket(
                (inbound, outbound) -> {
                    ClosingHandshake closing = new ClosingHandshake(closeTimeout);
                    inbound.withConnection(connection -> connection.addHandlerLast(ClosingHandshake.NAME, closing));
                    return handler.handle(new EncodedFrameSession(
                            inbound, outbound, info, bufferFactory, maxFramePayloadLength, closing));
                },
                spec.build())));
    }
}
