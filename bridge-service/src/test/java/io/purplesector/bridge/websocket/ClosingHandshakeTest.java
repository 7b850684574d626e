package io.purplesector.bridge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the channel of a WebSocket connection really closes, on an event loop the test runs by hand. */
class ClosingHandshakeTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new ClosingHandshake(Duration.ofSeconds(2)));

    @Test
    void afterTheServersCloseTheChannelWaitsForTheClientsDiscardingWhatItSends() {
        channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION));
        ChannelFuture closed = channel.close();
        BinaryWebSocketFrame late = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        channel.writeInbound(late);

        assertThat(channel.isOpen()).isTrue();
        assertThat(late.refCnt()).as("the late message, released").isZero();
        assertThat((Object) channel.readInbound()).as("passed on to the application").isNull();

        channel.writeInbound(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        assertThat(closed.isSuccess()).isTrue();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aClientThatNeverAnswersIsCutAtTheTimeout() {
        channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE));
        // Through the pipeline: the embedded channel's own close would also cancel every scheduled task.
        channel.pipeline().close();

        channel.advanceTimeBy(1900, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(100, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aCloseWhileTheClientIsAwaitedCompletesWithTheFirst() {
        channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE));
        channel.close();
        ChannelFuture second = channel.close();

        assertThat(second.isDone()).isFalse();
        channel.writeInbound(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        assertThat(second.isSuccess()).isTrue();
    }

    @Test
    void whenTheClientClosedFirstTheChannelClosesAtOnce() {
        CloseWebSocketFrame clients = new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE);
        channel.writeInbound(clients);
        assertThat((Object) channel.readInbound()).as("the client's close, passed on").isSameAs(clients);
        channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));

        assertThat(channel.close().isSuccess()).isTrue();
    }

    @Test
    void withoutAServerCloseFrameTheChannelClosesAtOnce() {
        assertThat(channel.close().isSuccess()).isTrue();
    }
}
