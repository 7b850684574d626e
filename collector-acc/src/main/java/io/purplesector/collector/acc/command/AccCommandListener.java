package io.purplesector.collector.acc.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.collector.acc.AccProperties;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.kafka.CommandRules;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Takes the commands for this collector's user from the {@code commands} topic: ACC's actions go
 * to the link's thread; other collectors' actions are skipped. Anything that can write to the
 * topic can send a command, so each is checked against {@link CommandRules} here as at the
 * bridge; one that breaks them, or finds the queue full, is refused, logged and counted.
 */
@Component
class AccCommandListener {

    private static final Logger log = LoggerFactory.getLogger(AccCommandListener.class);

    private final PendingCommands pending;
    private final String userId;
    private final Counter invalid;
    private final Counter busy;

    AccCommandListener(PendingCommands pending, AccProperties properties, MeterRegistry registry) {
        this.pending = pending;
        this.userId = properties.userId() == null ? "" : properties.userId();
        this.invalid = refused(registry, "invalid");
        this.busy = refused(registry, "busy");
    }

    static Counter refused(MeterRegistry registry, String reason) {
        return Counter.builder("collector.commands.refused").tag("reason", reason)
                .description("Commands not carried out, by why").register(registry);
    }

    @KafkaListener(id = "collector-acc-commands", topics = "${purplesector.acc.commands.topic}",
            groupId = "${purplesector.acc.commands.group}")
    void on(Command command) {
        if (!command.getUserId().equals(userId) || CommandTranslator.request(command, 0).isEmpty()) {
            return;
        }
        Optional<String> problem = CommandRules.problem(command);
        if (problem.isPresent()) {
            invalid.increment();
            log.warn("Command {} refused: {}", command.getCommandId(), problem.get());
        } else if (!pending.offer(command)) {
            busy.increment();
            log.warn("Command {} refused: {} commands are waiting already", command.getCommandId(),
                    PendingCommands.CAPACITY);
        }
    }
}
