package io.purplesector.bridge;

import io.purplesector.telemetry.proto.WebSocketMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client over a real socket (the JDK's), recording what the bridge sends. */
final class TestClient implements WebSocket.Listener, AutoCloseable {

    static final WebSocketMessage PING = WebSocketMessage.newBuilder()
            .setType(io.purplesector.telemetry.proto.MessageType.PING).build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final BlockingQueue<WebSocketMessage> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    final CompletableFuture<String> closeReason = new CompletableFuture<>();
    final List<Long> receivedAt = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final StringBuilder partialText = new StringBuilder();
    private WebSocket socket;
    private int taken;
    private long lastReceivedAt;

    static TestClient connect(int port, String query) {
        TestClient client = new TestClient();
        client.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://localhost:" + port + "/" + query), client).join();
        return client;
    }

    void send(WebSocketMessage message) {
        socket.sendBinary(ByteBuffer.wrap(message.toByteArray()), true).join();
    }

    /**
     * Sends unless the server has closed the connection; for floods the server is expected to cut
     * short, where a send the closing connection refuses is the expected end, not an error.
     */
    void sendIfOpen(WebSocketMessage message) {
        if (closeCode.isDone() || socket.isOutputClosed()) {
            return;
        }
        try {
            send(message);
        } catch (java.util.concurrent.CompletionException closedMeanwhile) {
            assertClosedByServer();
        }
    }

    /**
     * Sends PINGs from two clients in turn, up to {@code times} each, until the server closes one;
     * returns the one it closed (within 10 s).
     */
    static TestClient floodUntilOneIsClosed(TestClient one, TestClient two, int times) {
        for (int i = 0; i < times && !one.closeCode.isDone() && !two.closeCode.isDone(); i++) {
            one.sendIfOpen(PING);
            two.sendIfOpen(PING);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> one.closeCode.isDone() || two.closeCode.isDone());
        return one.closeCode.isDone() ? one : two;
    }

    private void assertClosedByServer() {
        closeCode.orTimeout(10, TimeUnit.SECONDS).join();
    }

    void sendBytes(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    WebSocketMessage next() throws InterruptedException {
        WebSocketMessage message = poll(10_000);
        if (message == null) {
            throw new AssertionError("no message within 10 s");
        }
        return message;
    }

    /** The next message, or null when none arrives within the timeout. */
    WebSocketMessage poll(long timeoutMillis) throws InterruptedException {
        WebSocketMessage message = messages.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (message != null) {
            lastReceivedAt = receivedAt.get(taken++);
        }
        return message;
    }

    /** When the message last returned by {@link #next()} arrived, epoch milliseconds. */
    long lastReceivedAt() {
        return lastReceivedAt;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
        if (last) {
            try {
                WebSocketMessage message = WebSocketMessage.parseFrom(partial.toByteArray());
                receivedAt.add(System.currentTimeMillis());
                messages.add(message);
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError("the bridge sent an unreadable message", e);
            }
            partial.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partialText.append(data);
        if (last) {
            texts.add(partialText.toString());
            partialText.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    /** Pings received; the JDK's client answers each with a pong by itself. */
    final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.incrementAndGet();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        closeReason.complete(reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
