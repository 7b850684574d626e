package io.purplesector.bridge.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jctools.queues.MpscArrayQueue;

/**
 * The frames waiting for one client's socket: a bounded queue that any thread offers to without
 * blocking or locking, drained onto the connection's Netty channel by its event loop.
 *
 * <p>One drain is scheduled per burst, not per frame: while one is pending, further frames join
 * the queue and the drain writes them all with a single flush, so a client that fell behind
 * catches up with one system call rather than one per frame. A drain writes only while the
 * channel is writable (Netty's outbound buffer below its high-water mark); the rest waits in the
 * queue for the channel to become writable again, and once the queue is full, new frames are
 * refused. So a client that reads slowly loses frames, and never holds more than its queue and
 * the outbound buffer.
 *
 * <p>As a handler in the connection's pipeline it also hears when the channel turns writable
 * again. Once the connection's close frame has gone, whoever sent it (Reactor Netty, answering the
 * client's close or closing for the server), nothing more is written, since a WebSocket endpoint
 * sends nothing after its close frame (RFC 6455, 5.5.1).
 */
final class ClientOutbound extends ChannelInboundHandlerAdapter {

    private final Channel channel;
    private final ClosingHandshake closing;
    private final Queue<EncodedFrame> queue;
    private final Consumer<EncodedFrame> written;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;

    /**
     * @param channel the client's connection; the outbound must also be added to its pipeline
     * @param closing the connection's closing handshake, which sees its close frame go
     * @param capacity how many frames may wait for the socket
     * @param written told of every frame handed to the socket, on the event loop
     */
    ClientOutbound(Channel channel, ClosingHandshake closing, int capacity, Consumer<EncodedFrame> written) {
        this.channel = channel;
        this.closing = closing;
        this.queue = new MpscArrayQueue<>(capacity);
        this.written = written;
    }

    /**
     * Queues a frame for the socket.
     *
     * @return false when it was refused: the queue is full or the connection closing or closed
     */
    boolean offer(EncodedFrame frame) {
        if (!writing() || !queue.offer(frame)) {
            return false;
        }
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(drain);
        }
        return true;
    }

    /** Writes what the queue holds while the channel takes it, then flushes; on the event loop. */
    private void drain() {
        // Cleared before polling: a frame offered from now on schedules a drain of its own.
        drainScheduled.set(false);
        boolean wrote = false;
        EncodedFrame frame;
        while (writing() && channel.isWritable() && (frame = queue.poll()) != null) {
            channel.write(frame.forClient(), channel.voidPromise());
            written.accept(frame);
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    private boolean writing() {
        return !closing.closeSent() && channel.isActive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            drain();
        }
        ctx.fireChannelWritabilityChanged();
    }
}
