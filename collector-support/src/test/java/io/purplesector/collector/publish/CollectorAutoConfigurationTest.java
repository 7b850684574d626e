package io.purplesector.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.BadInput;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CollectorAutoConfigurationTest {

    private final ApplicationContextRunner collector = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, CollectorAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void aCollectorGetsItsPublisherAndUsersTopicsWithTheDocumentedDefaults() {
        collector.withPropertyValues("purplesector.collector.source=collector-test").run(context -> {
            assertThat(context).hasSingleBean(TelemetryPublisher.class).hasSingleBean(UserTopics.class)
                    .hasSingleBean(PublisherHealthIndicator.class);
            CollectorProperties properties = context.getBean(CollectorProperties.class);
            assertThat(properties.telemetryTopic()).isEqualTo(Topics.TELEMETRY);
            assertThat(properties.userTopic()).isEqualTo(new UserTopicSettings(1, Duration.ofHours(1),
                    Duration.ofMinutes(10)));
            assertThat(properties.pendingRecords()).isEqualTo(20_000);
            assertThat(properties.whenFull()).isEqualTo(CollectorProperties.WhenFull.DROP);
            assertThat(properties.degradedFor()).isEqualTo(Duration.ofMinutes(1));
            assertThat(context.getBean(PublisherHealthIndicator.class).health(true).getStatus().getCode()).isEqualTo("UP");
        });
    }

    @Test
    @BadInput
    void noRoomForRecordsWaitingForTheBrokerIsRefusedAtStartUp() {
        collector.withPropertyValues("purplesector.collector.source=c", "purplesector.collector.pending-records=0")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("pendingRecords"));
    }

    @Test
    @BadInput
    void aCollectorThatDoesNotNameItselfDoesNotStart() {
        collector.run(context -> assertThat(context).hasFailed().getFailure()
                .hasStackTraceContaining("purplesector.collector").hasStackTraceContaining("source"));
    }

    @Test
    @BadInput
    void aUserTopicWithoutPartitionsIsRefusedAtStartUp() {
        collector.withPropertyValues("purplesector.collector.source=c", "purplesector.collector.user-topic.partitions=0")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("userTopic.partitions"));
    }
}
