package io.purplesector.collector.ac.link;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.collector.ac.AcProperties;
import io.purplesector.collector.ac.session.AcSessions;
import io.purplesector.collector.capture.DatagramRecorder;
import io.purplesector.collector.publish.TelemetryPublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link GameLink} on a thread of its own while the application runs (not in replay
 * mode), recording to pcap when asked; as the {@code game} health component it says whether the
 * game is sending data (UNKNOWN while waiting for it: a collector without a game is not broken).
 */
@Component("game")
@ConditionalOnExpression("'${purplesector.ac.replay:}'.isEmpty()")
class LiveCollector implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(LiveCollector.class);

    private final AcProperties properties;
    private final AcSessions sessions;
    private final TelemetryPublisher publisher;
    private final MeterRegistry registry;
    private @Nullable GameLink link;
    private @Nullable Thread thread;
    private DatagramRecorder recorder = DatagramRecorder.none();

    LiveCollector(AcProperties properties, AcSessions sessions, TelemetryPublisher publisher, MeterRegistry registry) {
        this.properties = properties;
        this.sessions = sessions;
        this.publisher = publisher;
        this.registry = registry;
    }

    @Override
    public void start() {
        Path record = properties.record();
        if (record != null) {
            try {
                recorder = DatagramRecorder.pcap(record);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the recording " + record, e);
            }
            log.info("Recording every datagram from the game to {}", record.toAbsolutePath());
        }
        link = new GameLink(new InetSocketAddress(properties.gameHost(), properties.gamePort()),
                properties.handshakeInterval(), properties.silenceTimeout(), sessions, recorder, registry);
        thread = new Thread(link::run, "ac-game-link");
        thread.start();
    }

    @Override
    public void stop() {
        if (link != null && thread != null) {
            link.stop();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            link = null;
        }
        publisher.flush();
        try {
            recorder.close();
        } catch (IOException e) {
            log.warn("Could not close the recording: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return link != null;
    }

    @Override
    public Health health() {
        GameLink current = link;
        if (current != null && current.connected()) {
            return Health.up().withDetail("game", current.game().toString())
                    .withDetail("session", String.valueOf(sessions.sessionId())).build();
        }
        return Health.unknown().withDetail("game", properties.gameHost() + ":" + properties.gamePort())
                .withDetail("waiting", "no car data from the game").build();
    }
}
