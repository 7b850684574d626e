package io.purplesector.collector.ac.replay;

import io.purplesector.collector.ac.AcProperties;
import io.purplesector.collector.ac.session.AcSessions;
import io.purplesector.collector.publish.TelemetryPublisher;
import io.purplesector.collector.replay.CaptureReplay;
import io.purplesector.telemetry.proto.SessionEndReason;
import java.io.IOException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * {@code --replay}: the UDP datagrams the game sent from its port, through the same decoder and
 * publisher as live data, then the one-line summary.
 */
@Component
@ConditionalOnExpression("!'${purplesector.ac.replay:}'.isEmpty()")
class Replay implements ApplicationRunner {

    private final AcProperties properties;
    private final AcSessions sessions;
    private final CaptureReplay replay;

    Replay(AcProperties properties, AcSessions sessions, TelemetryPublisher publisher) {
        this.properties = properties;
        this.sessions = sessions;
        this.replay = new CaptureReplay(publisher);
    }

    @Override
    public void run(ApplicationArguments arguments) throws IOException, InterruptedException {
        CaptureReplay.report(replay.replay(properties.replay(),
                datagram -> datagram.sourcePort() == properties.gamePort(), properties.replaySpeed(),
                (payload, capturedAt) -> sessions.accept(payload, capturedAt) != null,
                lastAt -> sessions.end(SessionEndReason.COLLECTOR_STOPPED, lastAt)));
    }
}
