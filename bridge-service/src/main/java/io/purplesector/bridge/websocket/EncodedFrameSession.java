package io.purplesector.bridge.websocket;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A Reactor Netty WebSocket session whose relayed frames go straight to the connection's channel.
 * Spring's {@link #send} turns each message into a Netty frame that Netty's encoder then copies,
 * with a header, into a new buffer, once per client, and passes each through Reactor Netty's send
 * loop; the relay's frames are already whole, and a {@link ClientOutbound} writes them as they are.
 */
final class EncodedFrameSession extends ReactorNettyWebSocketSession {

    private static final String OUTBOUND_HANDLER = "purplesector.outbound";

    private final ClosingHandshake closing;

    /**
     * @param closing the closing handshake in the connection's pipeline
     */
    EncodedFrameSession(WebsocketInbound inbound, WebsocketOutbound outbound, HandshakeInfo info,
            NettyDataBufferFactory bufferFactory, int maxFramePayloadLength, ClosingHandshake closing) {
        super(inbound, outbound, info, bufferFactory, maxFramePayloadLength);
        this.closing = closing;
    }

    /**
     * The client's outbound queue, writing to this session's connection.
     *
     * @param capacity how many frames may wait for the socket
     * @param written told of every frame handed to the socket
     */
    ClientOutbound outbound(int capacity, Consumer<EncodedFrame> written) {
        AtomicReference<ClientOutbound> outbound = new AtomicReference<>();
        getDelegate().getOutbound().withConnection(connection -> {
            outbound.set(new ClientOutbound(connection.channel(), closing, capacity, written));
            connection.addHandlerLast(OUTBOUND_HANDLER, outbound.get());
        });
        return outbound.get();
    }
}
