package io.purplesector.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.purplesector.telemetry.proto.kafka.TopicDefinition;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;

/** Users' topics on a real broker: many in one go, with the collector's settings, once each. */
class UserTopicsIT {

    private final KafkaAdmin kafkaAdmin = new KafkaAdmin(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));

    @Test
    void aHundredUsersTopicsAreCreatedTogetherWithTheDefinitionAndOneThatExistsIsLeftAsItIs() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> users = IntStream.range(0, 100).mapToObj(index -> "topics-" + run + "-" + index).toList();
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties());
                UserTopics topics = new UserTopics(kafkaAdmin,
                        topic -> new TopicDefinition(topic, 3, Duration.ofHours(1), Duration.ofMinutes(10)))) {
            // Created by someone else first (another collector of the same user), with one partition.
            admin.createTopics(List.of(new NewTopic(Topics.userTopic(users.get(0)), 1, (short) 1))).all().get();

            topics.ensure(users);
            topics.ensure(users.get(1));

            Map<String, TopicDescription> described = admin.describeTopics(users.stream().map(Topics::userTopic).toList())
                    .allTopicNames().get();
            assertThat(described).hasSize(users.size());
            assertThat(described.get(Topics.userTopic(users.get(0))).partitions()).hasSize(1);
            assertThat(described.values().stream().filter(topic -> !topic.name().equals(
                    Topics.userTopic(users.get(0))))).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
        }
    }

    @Test
    void aTopicTheBrokerRefusesIsNamedInTheError() {
        String user = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        // More partitions than the broker allows in one request.
        try (UserTopics topics = new UserTopics(kafkaAdmin,
                topic -> new TopicDefinition(topic, 1_000_000, Duration.ofHours(1), Duration.ofMinutes(10)))) {
            assertThatThrownBy(() -> topics.ensure(List.of(user))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Cannot create topic " + Topics.userTopic(user));
        }
    }
}
