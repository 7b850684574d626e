package io.purplesector.bridge.websocket;

import io.purplesector.bridge.BridgeProperties;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.StatusMessage;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.WebSocketMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Plays the bundled demo session (three laps of Purple Park recorded by collector-demo) to the
 * one client that asked, at the demo rate, stamped with the current time, then sends
 * DEMO_COMPLETE. Each client has at most one playback; STOP_DEMO or disconnecting ends it.
 */
@Component
class DemoPlayback {

    static final String RECORDING = "demo/purple-park.frames.gz";

    private final Duration interval;
    private final Map<String, Disposable> playing = new ConcurrentHashMap<>();
    private volatile List<TelemetryFrame> frames;

    DemoPlayback(BridgeProperties properties) {
        this.interval = Duration.ofNanos(1_000_000_000L / properties.websocket().demoRateHz());
    }

    void start(ClientConnection client) {
        List<TelemetryFrame> recording = frames();
        String sessionId = "demo-playback-" + client.id();
        Disposable playback = Flux.interval(interval)
                .take(recording.size())
                .map(i -> recording.get(i.intValue()).toBuilder()
                        .setTimestamp(System.currentTimeMillis()).setSessionId(sessionId).setUserId(client.userId())
                        .build())
                .doOnNext(frame -> client.offer(new OutboundMessage(WebSocketMessage.newBuilder()
                        .setType(MessageType.TELEMETRY).setTelemetry(frame).build())))
                .doOnComplete(() -> {
                    playing.remove(client.id());
                    client.offer(new OutboundMessage(WebSocketMessage.newBuilder().setType(MessageType.DEMO_COMPLETE)
                            .setStatus(StatusMessage.newBuilder().setMessage("Demo complete")
                                    .setTimestamp(System.currentTimeMillis())).build()));
                })
                .subscribe();
        Disposable previous = playing.put(client.id(), playback);
        if (previous != null) {
            previous.dispose();
        }
    }

    void stop(ClientConnection client) {
        Disposable playback = playing.remove(client.id());
        if (playback != null) {
            playback.dispose();
        }
    }

    private List<TelemetryFrame> frames() {
        List<TelemetryFrame> loaded = frames;
        if (loaded == null) {
            synchronized (this) {
                if (frames == null) {
                    frames = load();
                }
                loaded = frames;
            }
        }
        return loaded;
    }

    private static List<TelemetryFrame> load() {
        List<TelemetryFrame> frames = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(new ClassPathResource(RECORDING).getInputStream())) {
            for (TelemetryFrame frame = TelemetryFrame.parseDelimitedFrom(in); frame != null;
                    frame = TelemetryFrame.parseDelimitedFrom(in)) {
                frames.add(frame);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the demo recording " + RECORDING, e);
        }
        return List.copyOf(frames);
    }
}
