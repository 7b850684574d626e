package io.purplesector.kafkasetup;

import static org.assertj.core.api.Assertions.assertThat;

import io.purplesector.testsupport.TestKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Runs the application against a real broker, each test with topic names of its own. */
@ExtendWith(OutputCaptureExtension.class)
class KafkaSetupIT {

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String telemetry = "telemetry-" + suffix;
    private final String commands = "commands-" + suffix;
    private final String health = "health-" + suffix;
    private Admin admin;

    @BeforeEach
    void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
    }

    @AfterEach
    void disconnect() {
        admin.close();
    }

    @Test
    void createsExactlyTheConfiguredTopicsWithTheirSettings(CapturedOutput output) throws Exception {
        assertThat(run()).isEqualTo(KafkaSetup.HEALTHY);

        assertThat(admin.listTopics().names().get()).contains(telemetry, commands, health);
        assertThat(describe(telemetry).partitions()).hasSize(10);
        assertThat(describe(commands).partitions()).hasSize(3);
        assertThat(describe(health).partitions()).hasSize(1);
        assertThat(configs(telemetry)).containsEntry("compression.type", "lz4")
                .containsEntry("retention.ms", "3600000")
                .containsEntry("segment.ms", "600000")
                .containsEntry("min.insync.replicas", "1");
        assertThat(configs(commands)).containsEntry("retention.ms", "86400000")
                .containsEntry("compression.type", "lz4");
        assertThat(output.getOut())
                .containsPattern(telemetry + " +10 +1 +created +compression.type=lz4 retention.ms=3600000")
                .containsPattern(commands + " +3 +1 +created")
                .contains("Probe: wrote to " + health + "-0 at offset 0 and read it back")
                .contains("Healthy: 3 created.");
    }

    @Test
    void secondRunChangesNothingAndSaysSo(CapturedOutput output) throws Exception {
        run();
        Map<String, String> before = configs(telemetry);

        assertThat(run()).isEqualTo(KafkaSetup.HEALTHY);

        String secondReport = output.getOut().substring(output.getOut().lastIndexOf("Kafka cluster"));
        assertThat(secondReport)
                .containsPattern(telemetry + " +10 +1 +unchanged")
                .containsPattern(commands + " +3 +1 +unchanged")
                .containsPattern(health + " +1 +1 +unchanged")
                .contains("Healthy: all 3 topics as configured, nothing changed.");
        assertThat(configs(telemetry)).isEqualTo(before);
        assertThat(describe(telemetry).partitions()).hasSize(10);
    }

    @Test
    void fixesDriftedConfigsAndReportsMissingPartitionsUntilAskedToAddThem(CapturedOutput output) throws Exception {
        admin.createTopics(List.of(new NewTopic(telemetry, 3, (short) 1)
                .configs(Map.of("retention.ms", "7200000", "compression.type", "gzip")))).all().get();

        assertThat(run()).isEqualTo(KafkaSetup.HEALTHY);

        assertThat(output.getOut())
                .containsPattern(telemetry + " +3 +1 +drift +compression.type: gzip -> lz4")
                .contains("retention.ms: 7200000 -> 3600000")
                .contains("has 3 partitions, 10 configured: left as is")
                .contains("1 drift");
        assertThat(configs(telemetry)).containsEntry("retention.ms", "3600000")
                .containsEntry("compression.type", "lz4");
        assertThat(describe(telemetry).partitions()).hasSize(3);

        assertThat(run("--purplesector.kafka-setup.add-partitions=true")).isEqualTo(KafkaSetup.HEALTHY);

        assertThat(output.getOut()).containsPattern(telemetry + " +10 +1 +updated +partitions: 3 -> 10");
        assertThat(describe(telemetry).partitions()).hasSize(10);
    }

    @Test
    void neverRemovesPartitions(CapturedOutput output) throws Exception {
        admin.createTopics(List.of(new NewTopic(commands, 6, (short) 1))).all().get();

        assertThat(run("--purplesector.kafka-setup.add-partitions=true")).isEqualTo(KafkaSetup.HEALTHY);

        assertThat(describe(commands).partitions()).hasSize(6);
        assertThat(output.getOut()).contains("has 6 partitions, 3 configured: left as is (partitions are never removed)");
    }

    @Test
    void refusesReplicationFactorTheClusterCannotHold(CapturedOutput output) throws Exception {
        assertThat(run("--purplesector.kafka-setup.replication-factor=3")).isEqualTo(KafkaSetup.FAILED);

        // Only kafka-setup's own lines: the broker in this JVM may print logging status to stderr too.
        assertThat(output.getErr().lines().filter(line -> line.startsWith("kafka-setup")))
                .containsExactly("kafka-setup failed: replication factor 3 needs at least 3 brokers, the cluster has 1");
        assertThat(admin.listTopics().names().get()).doesNotContain(telemetry, commands, health);
    }

    private int run(String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--purplesector.kafka-setup.timeout=10s",
                "--purplesector.kafka-setup.topics.telemetry.name=" + telemetry,
                "--purplesector.kafka-setup.topics.commands.name=" + commands,
                "--purplesector.kafka-setup.topics.health.name=" + health));
        arguments.addAll(List.of(extraArguments));
        return SpringApplication.exit(SpringApplication.run(KafkaSetupApplication.class,
                arguments.toArray(String[]::new)));
    }

    private TopicDescription describe(String topic) throws ExecutionException, InterruptedException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    private Map<String, String> configs(String topic) throws ExecutionException, InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        Map<String, String> values = new java.util.TreeMap<>();
        config.entries().forEach(entry -> values.put(entry.name(), entry.value()));
        return values;
    }
}
