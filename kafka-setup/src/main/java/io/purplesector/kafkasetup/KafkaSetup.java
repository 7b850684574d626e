package io.purplesector.kafkasetup;

import io.purplesector.telemetry.proto.kafka.TopicDefinition;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * The run: checks the cluster, reconciles the topics, probes, reports. Its exit code is 0 when
 * the cluster is healthy and 1 otherwise.
 *
 * <p>Topics are reconciled here rather than by declaring {@code NewTopic} beans for Spring's
 * {@link KafkaAdmin}: that would create them, but could neither report drift nor leave a smaller
 * partition count alone unless asked, which is the point of this application.
 */
@Component
class KafkaSetup implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(KafkaSetup.class);

    static final int HEALTHY = 0;
    static final int FAILED = 1;

    private final KafkaSetupProperties properties;
    private final KafkaProperties kafkaProperties;
    private final KafkaAdmin kafkaAdmin;
    private final ProducerFactory<String, String> producers;
    private final ConsumerFactory<String, String> consumers;
    private final SetupConsole console;
    private int exitCode = FAILED;

    KafkaSetup(KafkaSetupProperties properties, KafkaProperties kafkaProperties, KafkaAdmin kafkaAdmin,
            ProducerFactory<String, String> producers, ConsumerFactory<String, String> consumers,
            SetupConsole console) {
        this.properties = properties;
        this.kafkaProperties = kafkaProperties;
        this.kafkaAdmin = kafkaAdmin;
        this.producers = producers;
        this.consumers = consumers;
        this.console = console;
    }

    @Override
    public void run(ApplicationArguments args) {
        String bootstrapServers = String.join(",", kafkaProperties.getBootstrapServers());
        try {
            console.report(setUp(bootstrapServers));
            exitCode = HEALTHY;
        } catch (SetupFailedException e) {
            fail(e.getMessage(), e);
        } catch (RuntimeException e) {
            // Anything else is still reported as one line; the trace is there at DEBUG.
            fail(SetupFailedException.explain(e), e);
        }
    }

    private String setUp(String bootstrapServers) {
        int timeoutMs = (int) properties.timeout().toMillis();
        Admin admin = createAdmin(bootstrapServers);
        try {
            Cluster cluster = Cluster.describe(admin, bootstrapServers, timeoutMs);
            log.info("Connected to Kafka cluster {}, live brokers: {}", cluster.id(), cluster.brokers());
            short replicationFactor = replicationFactor(cluster);
            List<TopicDefinition> definitions = properties.topics().definitions();
            List<TopicOutcome> outcomes = new TopicReconciler(admin, timeoutMs, properties.addPartitions())
                    .reconcile(definitions, replicationFactor);
            HealthProbe.Result probe = new HealthProbe(producers, consumers, properties.timeout())
                    .run(properties.topics().health().name());
            return SetupReport.render(bootstrapServers, cluster, replicationFactor, outcomes, probe);
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    private Admin createAdmin(String bootstrapServers) {
        try {
            return Admin.create(kafkaAdmin.getConfigurationProperties());
        } catch (RuntimeException e) {
            throw SetupFailedException.of("connecting to Kafka at " + bootstrapServers, e);
        }
    }

    private short replicationFactor(Cluster cluster) {
        Short configured = properties.replicationFactor();
        if (configured == null) {
            return TopicDefinition.replicationFactorFor(cluster.brokers());
        }
        if (configured > cluster.brokers()) {
            throw new SetupFailedException("replication factor " + configured + " needs at least " + configured
                    + " brokers, the cluster has " + cluster.brokers());
        }
        return configured;
    }

    private void fail(String reason, Exception e) {
        exitCode = FAILED;
        console.failure(reason);
        log.debug("kafka-setup failed", e);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
