package io.purplesector.bridge.monitoring;

import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The {@code sessions} actuator endpoint: every session the bridge has seen, of every user. Only
 * where anyone may watch any user (authentication off): with authentication on, the list would
 * tell anyone which users drive and when, so the endpoint does not exist.
 */
@Component
@Endpoint(id = "sessions")
@ConditionalOnBooleanProperty(name = "purplesector.bridge.auth.enabled", havingValue = false)
class SessionsEndpoint {

    private final SessionActivity activity;

    SessionsEndpoint(SessionActivity activity) {
        this.activity = activity;
    }

    @ReadOperation
    List<SessionActivity.Session> sessions() {
        return activity.sessions();
    }
}
