package io.purplesector.collector.acc.replay;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.collector.acc.AccProperties;
import io.purplesector.collector.acc.broadcasting.BroadcastingClient;
import io.purplesector.collector.acc.protocol.InboundMessage;
import io.purplesector.collector.acc.session.AccSessions;
import io.purplesector.collector.acc.sharedmemory.GraphicsPage;
import io.purplesector.collector.acc.sharedmemory.PhysicsPage;
import io.purplesector.collector.acc.sharedmemory.StaticPage;
import io.purplesector.collector.capture.CapturedDatagram;
import io.purplesector.collector.capture.PcapReader;
import io.purplesector.collector.publish.TelemetryPublisher;
import io.purplesector.collector.replay.CaptureReplay;
import io.purplesector.collector.replay.ReplaySummary;
import io.purplesector.telemetry.proto.SessionEndReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * {@code --replay <file.pcap>}: what the game sent from its broadcasting port and, when the
 * recording has one beside it, the pages it shared, in capture-time order through the same
 * client and merge as live data; then the one-line summary. A pcap alone (as
 * {@code tcpdump udp port 9000} takes it on the gaming PC) replays in broadcasting-only mode; the
 * client's own requests in it are skipped.
 */
@Component
@ConditionalOnExpression("!'${purplesector.acc.replay:}'.isEmpty()")
class AccReplay implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AccReplay.class);

    private final AccProperties properties;
    private final AccSessions sessions;
    private final TelemetryPublisher publisher;
    private final BroadcastingClient client;
    private @Nullable GraphicsPage graphics;
    private @Nullable StaticPage fixed;

    AccReplay(AccProperties properties, AccSessions sessions, TelemetryPublisher publisher, MeterRegistry registry) {
        this.properties = properties;
        this.sessions = sessions;
        this.publisher = publisher;
        // A replay never talks to a game: what the client would send goes nowhere.
        this.client = new BroadcastingClient(properties.broadcasting().settings(properties.silenceTimeout()),
                datagram -> { }, registry);
    }

    @Override
    public void run(ApplicationArguments arguments) throws IOException, InterruptedException {
        Path file = properties.replay();
        Path pagesFile = PageRecording.beside(file);
        boolean withPages = Files.exists(pagesFile);
        log.info("Replaying {}{}", file, withPages ? " with the pages in " + pagesFile : " (broadcasting only)");
        long read = 0;
        long decoded = 0;
        long framesBefore = publisher.framesPublished();
        long errorsBefore = publisher.errors();
        long lastAt = 0;
        long firstAt = -1;
        long startedAt = System.nanoTime();
        try (PcapReader pcap = new PcapReader(file);
                PageRecording.Reader pages = withPages ? new PageRecording.Reader(pagesFile) : null) {
            CapturedDatagram datagram = nextFromGame(pcap);
            PageRecording.Entry page = pages == null ? null : pages.next();
            while (datagram != null || page != null) {
                boolean datagramFirst = page == null
                        || datagram != null && datagram.timestampMicros() <= page.timestampMicros();
                long atMicros = datagramFirst ? datagram.timestampMicros() : page.timestampMicros();
                if (properties.replaySpeed() > 0) {
                    firstAt = firstAt < 0 ? atMicros : firstAt;
                    CaptureReplay.pace(startedAt, (atMicros - firstAt) / properties.replaySpeed());
                }
                lastAt = atMicros / 1000;
                sessions.tick(lastAt);
                if (datagramFirst) {
                    read++;
                    InboundMessage message = client.accept(datagram.payload(), lastAt);
                    if (message != null) {
                        decoded++;
                        sessions.onBroadcast(message, client, lastAt);
                    }
                    datagram = nextFromGame(pcap);
                } else {
                    onPage(page, lastAt);
                    page = pages.next();
                }
            }
        }
        sessions.end(SessionEndReason.COLLECTOR_STOPPED, lastAt);
        publisher.flush();
        CaptureReplay.report(new ReplaySummary(file, read, decoded, read - decoded,
                publisher.framesPublished() - framesBefore, publisher.errors() - errorsBefore));
    }

    private void onPage(PageRecording.Entry entry, long at) {
        switch (entry.page()) {
            case GRAPHICS -> graphics = GraphicsPage.decode(entry.bytes());
            case STATIC -> fixed = StaticPage.decode(entry.bytes());
            case PHYSICS -> {
                GraphicsPage latest = graphics;
                if (latest != null) {
                    sessions.onPages(PhysicsPage.decode(entry.bytes()), latest, fixed, at);
                }
            }
        }
    }

    private @Nullable CapturedDatagram nextFromGame(PcapReader pcap) throws IOException {
        for (CapturedDatagram datagram = pcap.next(); datagram != null; datagram = pcap.next()) {
            if (datagram.sourcePort() == properties.gamePort()) {
                return datagram;
            }
        }
        return null;
    }
}
