package io.purplesector.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.purplesector.testsupport.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class KafkaHealthIndicatorTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(KafkaAutoConfiguration.class, ServiceSupportAutoConfiguration.class));

    @Test
    void upWithTheClusterIdAndBrokerCountWhenTheBrokerAnswers() {
        context.withPropertyValues("spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers()).run(app -> {
            Health health = app.getBean("kafka", KafkaHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("brokers", 1).containsKey("clusterId");
        });
    }

    @Test
    void downWhenNoBrokerAnswers() {
        context.withPropertyValues("spring.kafka.bootstrap-servers=localhost:1").run(app -> {
            Health health = app.getBean("kafka", KafkaHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        });
    }
}
