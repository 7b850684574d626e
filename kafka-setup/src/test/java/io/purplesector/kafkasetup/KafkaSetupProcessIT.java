package io.purplesector.kafkasetup;

import static org.assertj.core.api.Assertions.assertThat;

import io.purplesector.testsupport.TestKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs kafka-setup as an operator does: its own JVM, configured through the environment and the
 * command line, judged by exit code and output.
 */
class KafkaSetupProcessIT {

    @TempDir
    Path workDir;

    @Test
    void exitsWithOneLineReasonWithinItsTimeoutWhenNoBrokerAnswers() throws Exception {
        int closedPort = freePort();

        Run run = run(Map.of(), "--spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort,
                "--purplesector.kafka-setup.timeout=2s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("kafka-setup failed: connecting to Kafka at 127.0.0.1:" + closedPort
                + ": no answer within the timeout").doesNotContain("\n");
        assertThat(run.out() + run.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
        // JVM start plus the 2 s timeout; the client's own defaults would wait a minute.
        assertThat(run.elapsed()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void explainsBootstrapServerThatDoesNotResolve() throws Exception {
        Run run = run(Map.of("KAFKA_BROKERS", "no-such-host.invalid:9092"), "--purplesector.kafka-setup.timeout=2s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("kafka-setup failed: connecting to Kafka at no-such-host.invalid:9092:"
                + " KafkaException: Failed to create new KafkaAdminClient"
                + " (ConfigException: No resolvable bootstrap urls given in bootstrap.servers)");
    }

    @Test
    void takesBrokersAndTelemetryTopicFromTheEarlierEnvironmentVariables() throws Exception {
        String telemetry = "env-telemetry-" + UUID.randomUUID().toString().substring(0, 8);

        Run run = run(Map.of("KAFKA_BROKERS", TestKafka.bootstrapServers(), "KAFKA_TOPIC_TELEMETRY", telemetry),
                "--purplesector.kafka-setup.topics.commands.name=env-commands-" + telemetry,
                "--purplesector.kafka-setup.topics.health.name=env-health-" + telemetry);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(" at " + TestKafka.bootstrapServers() + ": 1 broker")
                .containsPattern(telemetry + " +10 +1 +created");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void refusesInvalidConfigurationNamingTheProperty() throws Exception {
        Run run = run(Map.of(), "--purplesector.kafka-setup.topics.telemetry.partitions=0",
                "--purplesector.kafka-setup.topics.commands.name=bad/name");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out() + run.err())
                .contains("purplesector.kafka-setup.topics.telemetry.partitions")
                .contains("purplesector.kafka-setup.topics.commands.name")
                .doesNotContain("\tat ");
    }

    private Run run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        if (Runtime.version().feature() >= 22) {
            // As the jar's manifest does for java -jar: LZ4 loads a native library.
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add(KafkaSetupApplication.class.getName());
        command.addAll(List.of(arguments));
        Path out = workDir.resolve("out.txt");
        Path err = workDir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KAFKA_") || name.startsWith("PURPLESECTOR_"));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kafka-setup did not exit within 60 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - started));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Run(int exitCode, String out, String err, Duration elapsed) {
    }
}
