package io.purplesector.collector.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.telemetry.proto.TelemetryRecord;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The beans every collector publishes with, configured under {@code purplesector.collector}: the
 * publisher and the creation of users' topics. A collector that brings this module has them.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(CollectorProperties.class)
public class CollectorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    UserTopics userTopics(KafkaAdmin kafkaAdmin, CollectorProperties properties) {
        return new UserTopics(kafkaAdmin, properties.userTopic()::definition);
    }

    @Bean
    @ConditionalOnMissingBean
    TelemetryPublisher telemetryPublisher(KafkaTemplate<String, TelemetryRecord> kafka, CollectorProperties properties,
            MeterRegistry registry) {
        return new TelemetryPublisher(kafka, properties.telemetryTopic(), properties.source(), registry);
    }
}
