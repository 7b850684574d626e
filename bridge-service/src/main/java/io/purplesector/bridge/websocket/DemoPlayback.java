package io.purplesector.bridge.websocket;

import io.purplesector.bridge.BridgeProperties;
import io.purplesector.carmodel.demo.DemoSession;
import io.purplesector.carmodel.drive.Car;
import io.purplesector.carmodel.track.Circuits;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.StatusMessage;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.WebSocketMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Plays the demo session (three laps of Purple Park, the out-lap and two timed laps, driven by the
 * shared car model) to the one client that asked, at the demo rate, stamped with the current
 * time, then sends DEMO_COMPLETE. Each client has at most one playback; STOP_DEMO or
 * disconnecting ends it.
 */
@Component
class DemoPlayback {

    /** The drive every client sees: the same seed gives the same laps. */
    static final DemoSession.Settings SESSION = new DemoSession.Settings("demo-playback", "", 2024, 30, 3);

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

    /** The session's frames, driven once, on first use (a few milliseconds' work). */
    private List<TelemetryFrame> frames() {
        List<TelemetryFrame> driven = frames;
        if (driven == null) {
            synchronized (this) {
                if (frames == null) {
                    frames = drive();
                }
                driven = frames;
            }
        }
        return driven;
    }

    static List<TelemetryFrame> drive() {
        DemoSession session = new DemoSession(SESSION, Circuits.PURPLE_PARK, Car.PURPLE_GT3, () -> 0L);
        List<TelemetryFrame> frames = new ArrayList<>();
        while (!session.finished()) {
            for (TelemetryRecord record : session.advance()) {
                if (record.hasFrame()) {
                    frames.add(record.getFrame());
                }
            }
        }
        return List.copyOf(frames);
    }
}
