package io.purplesector.collector.acc;

import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.CommandOutcome;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.ProtobufSerializer;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.TestKafka;
import io.purplesector.testsupport.TopicRecords;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/** Commands sent as the bridge sends them, and their outcomes read back, for the end-to-end tests. */
final class CommandsTopic {

    private CommandsTopic() {
    }

    /**
     * Sends the command (with a new id each time) and returns its outcome once published. The
     * collector's listener starts at the newest offset when it is assigned, so a command sent
     * before that is never seen: the caller retries until an outcome comes.
     */
    static Optional<CommandOutcome> sendAndAwaitOutcome(Command.Builder command, String user, TopicRecords topic)
            throws Exception {
        ensureTopic();
        String id = UUID.randomUUID().toString();
        try (KafkaProducer<String, Command> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestKafka.bootstrapServers()), new StringSerializer(),
                new ProtobufSerializer<>())) {
            producer.send(new ProducerRecord<>(Topics.COMMANDS, user, command.setCommandId(id).setUserId(user)
                    .setIssuedAt(System.currentTimeMillis()).build())).get();
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<CommandOutcome> outcome = topic.poll().stream().map(record -> record.value())
                    .filter(TelemetryRecord::hasCommandOutcome).map(TelemetryRecord::getCommandOutcome)
                    .filter(candidate -> candidate.getCommandId().equals(id)).findFirst();
            if (outcome.isPresent()) {
                return outcome;
            }
        }
        return Optional.empty();
    }

    private static void ensureTopic() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.COMMANDS, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create the commands topic", e);
            }
        }
    }
}
