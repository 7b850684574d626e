package io.purplesector.collector.acc.link;

import com.sun.jna.Platform;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.collector.acc.AccProperties;
import io.purplesector.collector.acc.broadcasting.BroadcastingClient;
import io.purplesector.collector.acc.broadcasting.BroadcastingSettings;
import io.purplesector.collector.acc.command.PendingCommands;
import io.purplesector.collector.acc.replay.PageRecording;
import io.purplesector.collector.acc.session.AccSessions;
import io.purplesector.collector.acc.session.Mode;
import io.purplesector.collector.acc.sharedmemory.MappedFiles;
import io.purplesector.collector.acc.sharedmemory.SharedMemorySource;
import io.purplesector.collector.acc.sharedmemory.WindowsMappings;
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
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link AccLink} on a thread of its own while the application runs. As the {@code game}
 * health component it says what the collector hears: UP with the mode (both sources, or which one
 * is missing and why that matters); UNKNOWN while the game is not heard (a collector without a
 * game is not broken); {@value #REFUSED} when the game refused the registration, which only a
 * change of configuration mends; DOWN when the link's thread has died.
 */
@Component("game")
@ConditionalOnExpression("'${purplesector.acc.replay:}'.isEmpty()")
class AccCollector implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(AccCollector.class);

    static final String REFUSED = "REFUSED";

    private final AccProperties properties;
    private final AccSessions sessions;
    private final TelemetryPublisher publisher;
    private final MeterRegistry registry;
    private final PendingCommands commands;
    private @Nullable AccLink link;
    private @Nullable Thread thread;
    private DatagramRecorder datagrams = DatagramRecorder.none();
    private PageRecording.@Nullable Writer pageRecording;

    AccCollector(AccProperties properties, AccSessions sessions, TelemetryPublisher publisher,
            MeterRegistry registry, PendingCommands commands) {
        this.commands = commands;
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
                datagrams = DatagramRecorder.pcap(record);
                pageRecording = properties.sharedMemory().enabled()
                        ? new PageRecording.Writer(PageRecording.beside(record)) : null;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the recording " + record, e);
            }
            log.info("Recording broadcasting to {} and the pages to {}", record.toAbsolutePath(),
                    PageRecording.beside(record).toAbsolutePath());
        }
        AccProperties.Broadcasting broadcasting = properties.broadcasting();
        BroadcastingSettings settings = broadcasting.enabled()
                ? broadcasting.settings(properties.silenceTimeout()) : null;
        AccProperties.SharedMemory sharedMemory = properties.sharedMemory();
        SharedMemoryPoller pages = sharedMemory.enabled()
                ? new SharedMemoryPoller(source(sharedMemory), sessions, pageRecording, registry)
                : null;
        link = new AccLink(new InetSocketAddress(properties.gameHost(), properties.gamePort()), settings, pages,
                sharedMemory.pollRateHz(), sessions, commands, datagrams, registry);
        thread = new Thread(link::run, "acc-link");
        thread.start();
    }

    @Override
    public void stop() {
        AccLink current = link;
        Thread running = thread;
        if (current != null && running != null) {
            current.stop();
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            link = null;
        }
        publisher.flush();
        try {
            datagrams.close();
            if (pageRecording != null) {
                pageRecording.close();
            }
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
        AccLink current = link;
        Thread running = thread;
        if (current == null || running == null || !running.isAlive()) {
            return Health.down().withDetail("link", "not running").build();
        }
        Mode mode = sessions.mode();
        Health.Builder health = mode == Mode.WAITING ? Health.unknown() : Health.up();
        health.withDetail("mode", mode.name());
        BroadcastingClient client = current.broadcasting();
        if (client == null) {
            health.withDetail("broadcasting", "off");
        } else {
            health.withDetail("broadcasting", properties.gameHost() + ":" + properties.gamePort() + " "
                    + client.state().name().toLowerCase() + (client.state() == BroadcastingClient.State.REGISTERED
                            ? (client.writeAccess() ? ", commands allowed" : ", read-only") : ""));
            if (client.state() == BroadcastingClient.State.REFUSED) {
                health.status(new Status(REFUSED, "ACC refused the registration: " + client.refusal()));
            }
        }
        health.withDetail("sharedMemory", properties.sharedMemory().enabled()
                ? (current.sharedMemoryPresent() ? "present" : "absent") + " at " + location()
                : "off");
        String session = sessions.sessionId();
        if (session != null) {
            health.withDetail("session", session);
        }
        return health.build();
    }

    private String location() {
        AccProperties.SharedMemory sharedMemory = properties.sharedMemory();
        return windows(sharedMemory) ? "Local\\acpmf_*" : sharedMemory.directory().toString();
    }

    private static boolean windows(AccProperties.SharedMemory sharedMemory) {
        return sharedMemory.source() == AccProperties.SourceKind.WINDOWS
                || sharedMemory.source() == AccProperties.SourceKind.AUTO && Platform.isWindows();
    }

    private static SharedMemorySource source(AccProperties.SharedMemory sharedMemory) {
        return windows(sharedMemory) ? new WindowsMappings(WindowsMappings.Kernel32Calls.jna())
                : new MappedFiles(sharedMemory.directory());
    }
}
