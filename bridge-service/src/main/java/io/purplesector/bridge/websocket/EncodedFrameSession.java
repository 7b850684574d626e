package io.purplesector.bridge.websocket;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A Reactor Netty WebSocket session that also writes frames encoded once for all their clients
 * straight to the connection. Spring's {@link #send} turns each message into a Netty frame that
 * Netty's encoder then copies, with a header, into a new buffer: once per client. The relay's
 * frames are already whole, so they skip both.
 */
final class EncodedFrameSession extends ReactorNettyWebSocketSession {

    EncodedFrameSession(WebsocketInbound inbound, WebsocketOutbound outbound, HandshakeInfo info,
            NettyDataBufferFactory bufferFactory, int maxFramePayloadLength) {
        super(inbound, outbound, info, bufferFactory, maxFramePayloadLength);
    }

    /** Writes the frames in order, each as its bytes; completes when the source does. */
    Mono<Void> sendEncoded(Publisher<EncodedFrame> frames) {
        return getDelegate().getOutbound().sendObject(Flux.from(frames).map(EncodedFrame::forClient)).then();
    }
}
