package io.purplesector.collector.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.collector.demo.session.DemoSessions;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.PauseSession;
import io.purplesector.telemetry.proto.ResumeSession;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.StartDemoSession;
import io.purplesector.telemetry.proto.StopSession;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.ProtobufSerializer;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.BadInput;
import io.purplesector.testsupport.HttpSurface;
import io.purplesector.testsupport.ListenerStop;
import io.purplesector.testsupport.TestKafka;
import io.purplesector.testsupport.TopicRecords;
import io.purplesector.testsupport.WithTestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;

/** Commands on a real broker steer the sessions of one user, live speed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.demo.users=carol",
        "purplesector.demo.laps=0",
        "purplesector.demo.commands-topic=demo-commands-it",
        "spring.kafka.admin.auto-create=true"})
@WithTestKafka
class DemoCommandsIT {

    private static final String TOPIC = Topics.userTopic("carol");

    @TestConfiguration
    static class CommandsTopic {
        @Bean
        NewTopic commands() {
            return new NewTopic("demo-commands-it", 1, (short) 1);
        }
    }

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DemoSessions sessions;

    /**
     * Waits until the listener reads new commands. Assignment alone is not enough: a consumer
     * that starts at the newest offset fixes its position after being assigned, and a command
     * sent in between would be skipped. An unreadable command, resent until it is counted,
     * proves the listener is past that point.
     */
    @BeforeEach
    void waitForTheCommandListener() {
        ContainerTestUtils.waitForAssignment(listeners.getListenerContainer("collector-demo-commands"), 1);
        double rejected = rejectedCommands();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            sendGarbage();
            return rejectedCommands() > rejected;
        });
    }

    @Test
    void startPauseResumeAndStopByCommand() {
        try (TopicRecords records = new TopicRecords(List.of(TOPIC))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> count(records.poll(), TelemetryRecord::hasFrame) > 10);

            send(command().setStartDemoSession(StartDemoSession.newBuilder().setLaps(0).setSeed(7)));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> count(records.poll(), TelemetryRecord::hasSessionStarted) == 2);

            send(command().setPauseSession(PauseSession.getDefaultInstance()));
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10))
                    .until(() -> framesIn(records, Duration.ofMillis(500)) == 0);

            send(command().setResumeSession(ResumeSession.getDefaultInstance()));
            await().atMost(Duration.ofSeconds(10)).until(() -> framesIn(records, Duration.ofMillis(300)) > 0);

            send(command().setStopSession(StopSession.getDefaultInstance()));
            await().atMost(Duration.ofSeconds(30)).until(() -> records.poll().stream()
                    .filter(r -> r.value().hasSessionEnded())
                    .filter(r -> r.value().getSessionEnded().getReason() == SessionEndReason.STOPPED_BY_COMMAND)
                    .count() == 2);
        }
    }

    @Test
    @BadInput
    void aDemoAtAMillionHertzIsRefusedAndAUserStartsNoMoreThanTheLimitByCommand() {
        try {
            send(command().setStartDemoSession(StartDemoSession.newBuilder().setRateHz(1_000_000)));
            await().atMost(Duration.ofSeconds(20)).until(() -> refused("invalid") == 1);

            for (int i = 0; i < 5; i++) {
                send(command().setStartDemoSession(StartDemoSession.newBuilder().setLaps(0).setSeed(100 + i)));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> refused("session-limit") == 2);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> sessions.startedByCommand("carol") == 3);
        } finally {
            send(command().setStopSession(StopSession.getDefaultInstance()));
            await().atMost(Duration.ofSeconds(20)).until(() -> sessions.startedByCommand("carol") == 0);
        }
    }

    private double refused(String reason) {
        return meters.get("collector.commands.refused").tag("reason", reason).counter().count();
    }

    @Test
    void healthIsDownWhileTheListenerIsStopped() {
        ListenerStop.showsInHealth(port, listeners.getListenerContainer("collector-demo-commands"));
    }

    @Test
    @BadInput
    void unreadableCommandIsCountedAndSkipped() {
        double before = rejectedCommands();

        sendGarbage();

        await().atMost(Duration.ofSeconds(20)).until(() -> rejectedCommands() > before);
        assertThat(listeners.getListenerContainer("collector-demo-commands").isRunning()).isTrue();
    }

    private static void sendGarbage() {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("demo-commands-it", "carol",
                    "not a command".getBytes(StandardCharsets.UTF_8)));
        }
    }

    private double rejectedCommands() {
        var counter = meters.find("collector.errors").tag("kind", "command").counter();
        return counter == null ? 0 : counter.count();
    }

    private static long count(List<ConsumerRecord<String, TelemetryRecord>> records,
            java.util.function.Predicate<TelemetryRecord> kind) {
        return records.stream().map(ConsumerRecord::value).filter(kind).count();
    }

    private static long framesIn(TopicRecords records, Duration window) throws InterruptedException {
        long before = count(records.poll(), TelemetryRecord::hasFrame);
        long deadline = System.nanoTime() + window.toNanos();
        long after = before;
        while (System.nanoTime() < deadline) {
            after = count(records.poll(), TelemetryRecord::hasFrame);
        }
        return after - before;
    }

    @Test
    @BadInput
    void httpShowsTheAgreedActuatorEndpointsOnlyAndErrorsWithoutStackTraces() throws Exception {
        HttpSurface.exposesOnlyTheAgreedActuatorEndpoints(port);
        HttpSurface.errorsCarryNoStackTrace(port, "/actuator/metrics/no.such.metric");
    }

    private static Command.Builder command() {
        return Command.newBuilder().setCommandId(UUID.randomUUID().toString()).setUserId("carol")
                .setIssuedAt(System.currentTimeMillis());
    }

    private static void send(Command.Builder command) {
        try (KafkaProducer<String, Command> producer = new KafkaProducer<>(producerConfig(),
                new StringSerializer(), new ProtobufSerializer<>())) {
            producer.send(new ProducerRecord<>("demo-commands-it", "carol", command.build()));
        }
    }

    private static Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    }
}
