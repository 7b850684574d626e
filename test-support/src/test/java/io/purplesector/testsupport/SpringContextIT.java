package io.purplesector.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

@SpringBootTest(classes = SpringContextIT.Application.class)
@WithTestKafka
@WithTestPostgres
class SpringContextIT {

    @Configuration
    @EnableAutoConfiguration
    static class Application {
    }

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void contextTalksToTheTestBrokerAndItsOwnDatabase() throws Exception {
        String topic = "spring-context-" + UUID.randomUUID();
        kafkaAdmin.createOrModifyTopics(new NewTopic(topic, 1, (short) 1));

        var sent = kafka.send(topic, "key", "value").get();

        assertThat(sent.getRecordMetadata().topic()).isEqualTo(topic);
        assertThat(kafka.getProducerFactory().getConfigurationProperties())
                .containsEntry("bootstrap.servers", java.util.List.of(TestKafka.bootstrapServers()));
        assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).startsWith("ps_test_");
    }
}
