package io.purplesector.collector.publish;

import io.purplesector.telemetry.proto.kafka.TopicDefinition;
import io.purplesector.telemetry.proto.kafka.Topics;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates a user's telemetry topic before a collector's first record for that user, with the
 * settings the collector is configured with (brokers do not create topics on first use).
 */
public class UserTopics {

    private static final Logger log = LoggerFactory.getLogger(UserTopics.class);

    private final KafkaAdmin kafkaAdmin;
    private final Function<String, TopicDefinition> definitions;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    /** Topics named by {@link Topics#userTopic}, defined by {@code definitions} from that name. */
    public UserTopics(KafkaAdmin kafkaAdmin, Function<String, TopicDefinition> definitions) {
        this.kafkaAdmin = kafkaAdmin;
        this.definitions = definitions;
    }

    /**
     * Makes sure the user's topic exists; the shared topic (empty user) is kafka-setup's.
     *
     * @throws IllegalStateException when the topic cannot be created
     */
    public void ensure(String userId) {
        if (userId.isEmpty() || ensured.contains(userId)) {
            return;
        }
        String topic = Topics.userTopic(userId);
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            int brokers = admin.describeCluster().nodes().get().size();
            short replicationFactor = TopicDefinition.replicationFactorFor(brokers);
            admin.createTopics(List.of(definitions.apply(topic).newTopic(replicationFactor))).all().get();
            log.info("Created topic {} (replication factor {})", topic, replicationFactor);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
        ensured.add(userId);
    }
}
