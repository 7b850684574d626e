package io.purplesector.bridge.websocket;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells every client the bridge is going away (close 1001) as it starts to stop. A WebSocket
 * never ends by itself, so without this the web server's graceful shutdown waited its whole
 * timeout (30 s) for connections that would not end, and then cut them: every viewer of a bridge
 * being restarted or redeployed stayed on a stopping server for half a minute. The context's
 * closing is announced before any of its parts stops, the web server included.
 */
@Component
class GoingAwayOnShutdown {

    private static final Logger log = LoggerFactory.getLogger(GoingAwayOnShutdown.class);
    private static final Duration CLOSING = Duration.ofSeconds(5);

    private final TelemetryWebSocketHandler handler;

    GoingAwayOnShutdown(TelemetryWebSocketHandler handler) {
        this.handler = handler;
    }

    @EventListener(ContextClosedEvent.class)
    void closeEveryConnection() {
        try {
            handler.closeAll().block(CLOSING);
        } catch (RuntimeException e) {
            // Whatever was not closed in time is cut by the server as it stops.
            log.warn("Not every client was told the bridge is going away within {}: {}", CLOSING, e.toString());
        }
    }
}
