package io.purplesector.bridge.websocket;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Finishes the closing handshake before the connection is closed, when the server closes first
 * (RFC 6455, 7.1.1: the server closes the TCP connection once it has sent and received a close).
 *
 * <p>Reactor Netty closes the channel as soon as its close frame is written. A client that is
 * still sending (a flood closed by a rate limit, a dashboard mid-subscription) then writes into a
 * closed socket, or leaves unread bytes in it, and the kernel answers with a reset; the reset can
 * overtake the close frame, and the client sees "connection reset" instead of why it was closed.
 * So, on its way out, the channel's close waits here until the client's close frame arrives (or
 * the client goes), at most {@code timeout}; meanwhile whatever the client sends is read and
 * discarded. When the client closed first, its close frame has passed this way and nothing waits.
 */
final class ClosingHandshake extends ChannelDuplexHandler {

    static final String NAME = "purplesector.closing";

    private final long timeoutNanos;
    /** Set on the event loop, read by any thread offering frames to the client. */
    private volatile boolean closeSent;
    private boolean closeReceived;
    /** The close that waits for the client's close frame, and when it stops waiting; the event loop only. */
    private @Nullable ChannelPromise pendingClose;
    private @Nullable ScheduledFuture<?> deadline;

    ClosingHandshake(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** Whether the connection's close frame has gone: nothing may follow it (RFC 6455, 5.5.1). */
    boolean closeSent() {
        return closeSent;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof CloseWebSocketFrame) {
            closeSent = true;
        }
        ctx.write(message, promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (pendingClose != null) {
            // Another close while the client is awaited (the application ending): it waits too.
            ctx.channel().closeFuture().addListener(closed -> promise.trySuccess());
            return;
        }
        if (!closeSent || closeReceived || !ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        pendingClose = promise;
        deadline = ctx.executor().schedule(() -> closeNow(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
        // Keep reading even if the application had stopped: the client's close frame is behind what it sent.
        ctx.channel().config().setAutoRead(true);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof CloseWebSocketFrame) {
            closeReceived = true;
        }
        if (pendingClose == null) {
            ctx.fireChannelRead(message);
            return;
        }
        ReferenceCountUtil.release(message);
        if (closeReceived) {
            closeNow(ctx);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeNow(ctx);
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        closeNow(ctx);
    }

    /** Closes the channel if a close waits for the client; on the event loop, so at most once. */
    private void closeNow(ChannelHandlerContext ctx) {
        if (pendingClose != null) {
            ChannelPromise promise = pendingClose;
            pendingClose = null;
            if (deadline != null) {
                deadline.cancel(false);
            }
            ctx.close(promise);
        }
    }
}
