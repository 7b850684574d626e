package io.purplesector.dbconsumer.session;

import io.purplesector.dbconsumer.DbConsumerProperties;
import io.purplesector.dbconsumer.store.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Closes sessions that stopped sending without a session-end message (a game crash, say). */
@Component
class InactiveSessions {

    private static final Logger log = LoggerFactory.getLogger(InactiveSessions.class);

    private final SessionStore store;
    private final DbConsumerProperties.Sessions settings;

    InactiveSessions(SessionStore store, DbConsumerProperties properties) {
        this.store = store;
        this.settings = properties.sessions();
    }

    @Scheduled(fixedDelayString = "${purplesector.db-consumer.sessions.inactivity-check}")
    void closeInactive() {
        try {
            int closed = store.closeInactive(settings.inactivityTimeout());
            if (closed > 0) {
                log.info("Closed {} session(s) inactive for {}", closed, settings.inactivityTimeout());
            }
        } catch (DataAccessException e) {
            log.warn("Cannot close inactive sessions now: {}", e.getMessage());
        }
    }
}
