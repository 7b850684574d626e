package io.purplesector.bridge.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.bridge.BridgeProperties;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.kafka.CommandRules;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a dashboard's command for its own user's collectors. The bridge, not the client,
 * sets who the command is for and its id, so a client can only steer its own collectors.
 */
@Component
public class CommandPublisher {

    private final KafkaTemplate<String, Command> kafka;
    private final String topic;
    private final Counter published;

    CommandPublisher(KafkaTemplate<String, Command> kafka, BridgeProperties properties, MeterRegistry registry) {
        this.kafka = kafka;
        this.topic = properties.commandsTopic();
        this.published = Counter.builder("bridge.commands.published")
                .description("Commands from clients published to Kafka").register(registry);
    }

    /**
     * Publishes the command as the given user's.
     *
     * @return the id given to the command, once the broker has it
     * @throws IllegalArgumentException when the command breaks {@link CommandRules} or the client
     *         has no user
     */
    public CompletableFuture<String> publish(String userId, Command requested) {
        CommandRules.problem(requested).ifPresent(problem -> {
            throw new IllegalArgumentException("Invalid command: " + problem);
        });
        if (userId.isEmpty()) {
            throw new IllegalArgumentException("Commands need a user: connect with ?userId= or a token");
        }
        Command command = requested.toBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setUserId(userId)
                .setIssuedAt(System.currentTimeMillis())
                .build();
        return kafka.send(topic, userId, command).thenApply(result -> {
            published.increment();
            return command.getCommandId();
        });
    }
}
