package io.purplesector.localstack;

import com.google.protobuf.InvalidProtocolBufferException;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.WebSocketMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A live view of one user, as the dashboard holds it (the earlier protocol: every frame of every
 * session of the user, protobuf), which also sends the user's commands: it keeps, per session, the
 * first and last sequence seen and every gap or repeat, and hands each frame's age on arrival (now
 * minus the frame's timestamp, both on this machine's clock) to the latencies.
 */
final class Dashboard implements WebSocket.Listener {

    /** What one session's frames looked like on arrival. */
    record Seen(long first, long last, long frames, long gaps, long repeats) {

        Seen after(long sequence) {
            return new Seen(first, Math.max(last, sequence), frames + 1, gaps + (sequence > last + 1 ? 1 : 0),
                    repeats + (sequence <= last ? 1 : 0));
        }
    }

    /** A frame at most this old on arrival shows the car as it is now. */
    static final Duration LIVE = Duration.ofSeconds(2);

    private final String user;
    private final Latencies latencies;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final Map<String, Seen> sessions = new HashMap<>();
    private final List<String> refusals = new ArrayList<>();
    private volatile WebSocket socket;
    private boolean connected;
    private String closed;
    private long oldestFrameMillis;
    private long lastLiveFrameAt;

    private Dashboard(String user, Latencies latencies) {
        this.user = user;
        this.latencies = latencies;
    }

    static Dashboard open(HttpClient http, int port, String user, Latencies latencies) {
        Dashboard dashboard = new Dashboard(user, latencies);
        dashboard.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://localhost:" + port + "/?userId=" + user), dashboard).join();
        return dashboard;
    }

    String user() {
        return user;
    }

    /** A command for this user's collectors, as the dashboard's buttons send it. */
    void command(Command command) {
        socket.sendBinary(ByteBuffer.wrap(WebSocketMessage.newBuilder().setType(MessageType.COMMAND)
                .setCommand(command).build().toByteArray()), true).join();
    }

    /** What the bridge refused of this dashboard's messages ({@code ERROR}), with its reasons. */
    synchronized List<String> refusals() {
        return List.copyOf(refusals);
    }

    synchronized boolean connected() {
        return connected && closed == null;
    }

    /** Why the bridge closed this view, or null while it is open. */
    synchronized String closed() {
        return closed;
    }

    synchronized Map<String, Seen> sessions() {
        return Map.copyOf(sessions);
    }

    /** The age of the oldest frame this view was shown, ms. */
    synchronized long oldestFrameMillis() {
        return oldestFrameMillis;
    }

    /** When (epoch ms) this view last received a live frame: one at most {@code LIVE} old. */
    synchronized long lastLiveFrameAt() {
        return lastLiveFrameAt;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.write(bytes, 0, bytes.length);
        if (last) {
            received(partial.toByteArray());
            partial.reset();
        }
        socket.request(1);
        return null;
    }

    private void received(byte[] bytes) {
        long arrived = System.currentTimeMillis();
        WebSocketMessage message;
        try {
            message = WebSocketMessage.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("The bridge sent " + user + " bytes that are not a WebSocketMessage", e);
        }
        if (message.getType() == MessageType.CONNECTED) {
            synchronized (this) {
                connected = true;
            }
        } else if (message.getType() == MessageType.ERROR) {
            synchronized (this) {
                refusals.add(message.getStatus().getMessage());
            }
        } else if (message.getType() == MessageType.TELEMETRY) {
            TelemetryFrame frame = message.getTelemetry();
            long age = arrived - frame.getTimestamp();
            latencies.record(age);
            synchronized (this) {
                oldestFrameMillis = Math.max(oldestFrameMillis, age);
                if (age <= LIVE.toMillis()) {
                    lastLiveFrameAt = arrived;
                }
                sessions.merge(frame.getSessionId(), new Seen(frame.getSequence(), frame.getSequence(), 1, 0, 0),
                        (seen, first) -> seen.after(frame.getSequence()));
            }
        }
    }

    @Override
    public synchronized CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closed = statusCode + " " + reason;
        return null;
    }

    @Override
    public synchronized void onError(WebSocket socket, Throwable error) {
        closed = "error: " + error;
    }
}
