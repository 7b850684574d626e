package io.purplesector.collector.publish;

import io.purplesector.telemetry.proto.kafka.TopicDefinition;
import io.purplesector.telemetry.proto.kafka.Topics;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates a user's telemetry topic before a collector's first record for that user, with the
 * settings the collector is configured with (brokers do not create topics on first use). One admin
 * client, opened at the first topic and kept: a new client per user would connect and learn the
 * cluster again each time (a fifth of a second here), while the user's sessions wait.
 */
public class UserTopics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UserTopics.class);

    private final KafkaAdmin kafkaAdmin;
    private final Function<String, TopicDefinition> definitions;
    /** Users whose topic exists; read and written only under this object's lock. */
    private final Set<String> ensured = new HashSet<>();
    private Admin admin;

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
        ensure(List.of(userId));
    }

    /**
     * Makes sure these users' topics exist, all in one request to the broker: a collector that
     * starts with many users creates their topics at once rather than one connection and one
     * round trip after another (a hundred users took 21 s that way, while their first sessions'
     * frames piled up).
     *
     * @throws IllegalStateException when a topic cannot be created
     */
    public synchronized void ensure(Collection<String> userIds) {
        Set<String> missing = userIds.stream().filter(userId -> !userId.isEmpty() && !ensured.contains(userId))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (missing.isEmpty()) {
            return;
        }
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        try {
            int brokers = admin.describeCluster().nodes().get().size();
            short replicationFactor = TopicDefinition.replicationFactorFor(brokers);
            Map<String, KafkaFuture<Void>> created = admin.createTopics(missing.stream()
                    .map(userId -> definitions.apply(Topics.userTopic(userId)).newTopic(replicationFactor)).toList())
                    .values();
            for (String userId : missing) {
                String topic = Topics.userTopic(userId);
                try {
                    created.get(topic).get();
                    log.info("Created topic {} (replication factor {})", topic, replicationFactor);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + topic + ": " + e.getCause().getMessage(),
                                e);
                    }
                }
                ensured.add(userId);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create topics for " + missing + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics for " + missing, e);
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
