package io.purplesector.collector.demo.command;

import io.purplesector.collector.demo.DemoProperties;
import io.purplesector.collector.demo.session.DemoSessions;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.StartDemoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Obeys the commands addressed to the users this collector drives; commands for other users,
 * and actions for other collectors (ACC camera, HUD), are not its business and are skipped.
 */
@Component
class CommandListener {

    private static final Logger log = LoggerFactory.getLogger(CommandListener.class);

    private final DemoSessions sessions;
    private final DemoProperties properties;

    CommandListener(DemoSessions sessions, DemoProperties properties) {
        this.sessions = sessions;
        this.properties = properties;
    }

    @KafkaListener(id = "collector-demo-commands", topics = "${purplesector.demo.commands-topic}",
            groupId = "${purplesector.demo.commands-group}")
    void on(Command command) {
        if (!sessions.servesUser(command.getUserId())) {
            return;
        }
        log.info("Command {} from user '{}': {} {}", command.getCommandId(), command.getUserId(),
                command.getActionCase(), command.getSessionId());
        switch (command.getActionCase()) {
            case START_DEMO_SESSION -> start(command.getUserId(), command.getStartDemoSession());
            case STOP_SESSION -> sessions.stop(command.getUserId(), command.getSessionId(),
                    SessionEndReason.STOPPED_BY_COMMAND);
            case PAUSE_SESSION -> sessions.pause(command.getUserId(), command.getSessionId());
            case RESUME_SESSION -> sessions.resume(command.getUserId(), command.getSessionId());
            default -> log.debug("Command {} is for another collector", command.getCommandId());
        }
    }

    private void start(String userId, StartDemoSession request) {
        int rate = request.getRateHz() > 0 ? Math.min(request.getRateHz(), 1000) : properties.rateHz();
        sessions.start(userId, Math.max(0, request.getLaps()), request.getSeed(), rate);
    }
}
