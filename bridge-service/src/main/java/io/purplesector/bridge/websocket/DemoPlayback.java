package io.purplesector.bridge.websocket;

import io.purplesector.bridge.BridgeProperties;
import io.purplesector.carmodel.demo.DemoSession;
import io.purplesector.carmodel.drive.Car;
import io.purplesector.carmodel.track.Circuits;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.WebSocketMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Plays the demo session (three laps of Purple Park, the out-lap and two timed laps, driven by the
 * shared car model when the bridge starts) to the one client that asked, at the demo rate, stamped with the current
 * time, then sends DEMO_COMPLETE. Each client has at most one playback; STOP_DEMO or
 * disconnecting ends it.
 */
@Component
class DemoPlayback implements ClientProtocol.Demo {

    /** The drive every client sees: the same seed gives the same laps. */
    static final DemoSession.Settings SESSION = new DemoSession.Settings("demo-playback", "", 2024, 30, 3);

    private final Duration interval;
    /** Each client's playback, by the client itself: identity, as a client is one connection. */
    private final Map<ClientProtocol.Client, Disposable> playing = new ConcurrentHashMap<>();
    /** The session's frames, driven once when the bridge starts (a few milliseconds' work). */
    private final List<TelemetryFrame> frames = drive();

    DemoPlayback(BridgeProperties properties) {
        this.interval = Duration.ofNanos(1_000_000_000L / properties.websocket().demoRateHz());
    }

    @Override
    public void start(ClientProtocol.Client client) {
        List<TelemetryFrame> recording = frames;
        String sessionId = "demo-playback-" + UUID.randomUUID();
        Disposable playback = Flux.interval(interval)
                .take(recording.size())
                .map(i -> recording.get(i.intValue()).toBuilder()
                        .setTimestamp(System.currentTimeMillis()).setSessionId(sessionId).setUserId(client.userId())
                        .build())
                .doOnNext(frame -> client.offer(new OutboundMessage(WebSocketMessage.newBuilder()
                        .setType(MessageType.TELEMETRY).setTelemetry(frame).build())))
                .doOnComplete(() -> {
                    playing.remove(client);
                    client.offer(ClientProtocol.status(MessageType.DEMO_COMPLETE, "Demo complete"));
                })
                .subscribe();
        Disposable previous = playing.put(client, playback);
        if (previous != null) {
            previous.dispose();
        }
    }

    @Override
    public void stop(ClientProtocol.Client client) {
        Disposable playback = playing.remove(client);
        if (playback != null) {
            playback.dispose();
        }
    }

    private static List<TelemetryFrame> drive() {
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
