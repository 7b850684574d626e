package io.purplesector.bridge;

import com.google.protobuf.CodedInputStream;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.purplesector.telemetry.proto.MessageType;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The benchmark's WebSocket clients: plain Netty on two event-loop threads (epoll on Linux),
 * answering pings and reading from each binary message only its type and the frame's timestamp,
 * straight from the receive buffer. The clients share the machine with what they measure, so
 * every microsecond they spend per message is taken from the bridge, the broker and the collector.
 */
final class BenchmarkClients implements AutoCloseable {

    private static final int MAX_MESSAGE_BYTES = 65536;
    /**
     * Longer than the benchmark waits for every client (Netty's defaults are 30 s to connect and
     * 10 s for the handshake): thousands of clients connecting at once are part of what is
     * measured, and a client still waiting when the benchmark stops waiting is slow, not lost.
     * Lost is for what the bridge refused or closed.
     */
    private static final int CONNECT_TIMEOUT_MILLIS = 120_000;

    /** Linux's native transport where there is one, as the bridge's Reactor Netty takes it. */
    private static final boolean EPOLL = Epoll.isAvailable();

    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2,
            EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    private final List<Channel> channels = new ArrayList<>();
    private final LongConsumer onFrameTimestamp;
    private final Runnable onConnected;
    private final Runnable onLost;

    /**
     * @param onFrameTimestamp called with the timestamp of every TELEMETRY message received
     * @param onConnected called for every CONNECTED message received
     * @param onLost called for every client whose connection failed or closed before its CONNECTED
     */
    BenchmarkClients(LongConsumer onFrameTimestamp, Runnable onConnected, Runnable onLost) {
        this.onFrameTimestamp = onFrameTimestamp;
        this.onConnected = onConnected;
        this.onLost = onLost;
    }

    /** Opens one client; the handshake completes in the background. */
    void connect(URI uri) {
        Bootstrap bootstrap = new Bootstrap().group(loops)
                .channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                                new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                                        uri, WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), MAX_MESSAGE_BYTES),
                                        CONNECT_TIMEOUT_MILLIS),
                                new MessageReader());
                    }
                });
        ChannelFuture connection = bootstrap.connect(uri.getHost(), uri.getPort());
        // A connection that never opened closes no channel that was active: count it here.
        connection.addListener(attempt -> {
            if (!attempt.isSuccess()) {
                onLost.run();
            }
        });
        channels.add(connection.channel());
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class MessageReader extends SimpleChannelInboundHandler<BinaryWebSocketFrame> {

        private boolean connected;

        @Override
        public void channelInactive(ChannelHandlerContext context) throws Exception {
            if (!connected) {
                onLost.run();
            }
            super.channelInactive(context);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, BinaryWebSocketFrame message) throws IOException {
            ByteBuf content = message.content();
            CodedInputStream input = CodedInputStream.newInstance(content.nioBuffer());
            // WebSocketMessage: type = 1, telemetry = 2; TelemetryFrame: timestamp = 1.
            int type = 0;
            for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
                if (tag == (1 << 3)) {
                    type = input.readEnum();
                } else if (tag == (2 << 3 | 2) && type == MessageType.TELEMETRY_VALUE) {
                    int limit = input.pushLimit(input.readRawVarint32());
                    if (input.readTag() == (1 << 3)) {
                        onFrameTimestamp.accept(input.readInt64());
                    }
                    input.popLimit(limit);
                    return;
                } else {
                    input.skipField(tag);
                }
            }
            if (type == MessageType.CONNECTED_VALUE) {
                connected = true;
                onConnected.run();
            }
        }
    }
}
