package io.purplesector.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.purplesector.telemetry.proto.SessionEnded;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.HeaderNames;
import io.purplesector.telemetry.proto.kafka.ProtobufSerializer;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.BadInput;
import io.purplesector.testsupport.TestKafka;
import io.purplesector.testsupport.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The auto-configured publisher on a real broker: records serialized when handed over reach their
 * user's topic as the contract says, whatever serializers the collector's configuration names, and
 * a record that cannot be addressed is counted there and then, without stopping the ones after it.
 */
class TelemetryPublisherIT {

    private final ApplicationContextRunner collector = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, CollectorAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                    "purplesector.collector.source=collector-test",
                    // A serializer for messages, as collectors once configured: the publisher sends bytes.
                    "spring.kafka.producer.value-serializer=" + ProtobufSerializer.class.getName());

    @Test
    @BadInput
    void recordsReachTheUsersTopicInOrderAndOneWithAnInvalidSessionIsCountedWithoutStoppingTheRest()
            throws Exception {
        String user = "publisher-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.userTopic(user), 1, (short) 1))).all().get();
        }
        List<TelemetryRecord> valid = List.of(frame(user, "session-1", 1), frame(user, "session-1", 2),
                TelemetryRecord.newBuilder().setSessionEnded(SessionEnded.newBuilder()
                        .setSessionId("session-1").setUserId(user).setLastFrameSequence(2)).build());
        collector.run(context -> {
            TelemetryPublisher publisher = context.getBean(TelemetryPublisher.class);
            publisher.publish(valid.get(0));
            // A control character: no session id the contract allows.
            publisher.publish(frame(user, "session\u0000", 9));
            publisher.publish(TelemetryRecord.getDefaultInstance());
            publisher.publish(valid.get(1));
            publisher.publish(valid.get(2));
            publisher.flush();

            assertThat(publisher.framesPublished()).isEqualTo(2);
            assertThat(publisher.framesDroppedInvalid()).isEqualTo(1);
            assertThat(publisher.errors()).as("the invalid frame and the record without a payload").isEqualTo(2);
            Health health = context.getBean(PublisherHealthIndicator.class).health(true);
            assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
            assertThat(health.getDetails()).containsEntry("droppedInvalid", 1L);

            try (TopicRecords topic = new TopicRecords(List.of(Topics.userTopic(user)))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> topic.poll().size() >= valid.size());
                List<ConsumerRecord<String, TelemetryRecord>> read = topic.poll();
                assertThat(read).extracting(ConsumerRecord::value).containsExactlyElementsOf(valid);
                assertThat(read).allSatisfy(record -> {
                    assertThat(record.key()).isEqualTo("session-1");
                    assertThat(header(record, HeaderNames.SESSION_ID)).isEqualTo("session-1");
                    assertThat(header(record, HeaderNames.USER_ID)).isEqualTo(user);
                    assertThat(header(record, HeaderNames.SOURCE)).isEqualTo("collector-test");
                });
            }
        });
    }

    private static TelemetryRecord frame(String user, String session, long sequence) {
        return TelemetryRecord.newBuilder().setFrame(TelemetryFrame.newBuilder().setUserId(user)
                .setSessionId(session).setSequence(sequence).setSpeed(200f + sequence)).build();
    }

    private static String header(ConsumerRecord<String, TelemetryRecord> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
