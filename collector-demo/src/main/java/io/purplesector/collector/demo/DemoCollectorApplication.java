package io.purplesector.collector.demo;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.service.TelemetryPublisher;
import io.purplesector.service.UserTopics;
import io.purplesector.telemetry.proto.TelemetryRecord;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DemoCollectorApplication {

    /** Users' topics are created as the settings under {@code purplesector.demo.user-topic} say. */
    @Bean
    UserTopics userTopics(KafkaAdmin kafkaAdmin, DemoProperties properties) {
        return new UserTopics(kafkaAdmin, properties.userTopic()::definition);
    }

    @Bean
    TelemetryPublisher telemetryPublisher(KafkaTemplate<String, TelemetryRecord> kafka, DemoProperties properties,
            MeterRegistry registry) {
        return new TelemetryPublisher(kafka, properties.telemetryTopic(), "collector-demo", registry);
    }

    public static void main(String[] args) {
        SpringApplication.run(DemoCollectorApplication.class, args);
    }
}
