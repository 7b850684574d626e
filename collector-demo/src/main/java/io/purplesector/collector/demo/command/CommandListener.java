package io.purplesector.collector.demo.command;

import io.purplesector.collector.demo.DemoProperties;
import io.purplesector.collector.demo.session.DemoSessions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.StartDemoSession;
import io.purplesector.telemetry.proto.kafka.CommandRules;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Obeys the commands addressed to the users this collector drives; commands for other users,
 * and actions for other collectors (ACC camera, HUD), are not its business and are skipped.
 * Anything that can write to the commands topic can send a command, so each is checked again
 * here: one that breaks {@link CommandRules}, or would start more than
 * {@code commands.max-sessions-per-user} sessions for a user, is refused, logged and counted.
 */
@Component
class CommandListener {

    private static final Logger log = LoggerFactory.getLogger(CommandListener.class);

    private final DemoSessions sessions;
    private final DemoProperties properties;
    private final Counter invalid;
    private final Counter overLimit;

    CommandListener(DemoSessions sessions, DemoProperties properties, MeterRegistry registry) {
        this.sessions = sessions;
        this.properties = properties;
        this.invalid = refused(registry, "invalid");
        this.overLimit = refused(registry, "session-limit");
    }

    private static Counter refused(MeterRegistry registry, String reason) {
        return Counter.builder("collector.commands.refused").tag("reason", reason)
                .description("Commands not carried out").register(registry);
    }

    @KafkaListener(id = "collector-demo-commands", topics = "${purplesector.demo.commands-topic}",
            groupId = "${purplesector.demo.commands-group}")
    void on(Command command) {
        if (!sessions.servesUser(command.getUserId())) {
            return;
        }
        Optional<String> problem = CommandRules.problem(command);
        if (problem.isPresent()) {
            invalid.increment();
            log.warn("Command {} from user '{}' refused: {}", command.getCommandId(), command.getUserId(), problem.get());
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
        int limit = properties.commands().maxSessionsPerUser();
        if (sessions.startedByCommand(userId) >= limit) {
            overLimit.increment();
            log.warn("Demo session for user '{}' refused: {} started by command are running, the limit", userId, limit);
            return;
        }
        int rate = request.getRateHz() > 0 ? request.getRateHz() : properties.rateHz();
        sessions.startByCommand(userId, request.getLaps(), request.getSeed(), rate);
    }
}
