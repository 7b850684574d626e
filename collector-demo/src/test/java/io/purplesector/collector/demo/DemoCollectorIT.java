package io.purplesector.collector.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.purplesector.telemetry.proto.LapCompleted;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.HeaderNames;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.TopicRecords;
import io.purplesector.testsupport.WithTestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Two users, two laps each, twenty times faster than live, on a real broker. */
@SpringBootTest(properties = {
        "purplesector.demo.users=alice,bob",
        "purplesector.demo.laps=2",
        "purplesector.demo.restart=false",
        "purplesector.demo.time-scale=20",
        "purplesector.demo.commands-topic=demo-it-commands",
        "spring.kafka.admin.auto-create=true"})
@WithTestKafka
class DemoCollectorIT {

    /** The commands topic the listener subscribes to, as kafka-setup would have created it. */
    @TestConfiguration
    static class CommandsTopic {
        @Bean
        NewTopic commands() {
            return new NewTopic("demo-it-commands", 1, (short) 1);
        }
    }

    @Test
    void eachUsersSessionArrivesWholeAndInOrderOnTheirOwnTopic() {
        try (TopicRecords topics = new TopicRecords(List.of(Topics.userTopic("alice"), Topics.userTopic("bob")))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> topics.poll().stream()
                    .filter(r -> r.value().hasSessionEnded()).count() == 2);

            for (String user : List.of("alice", "bob")) {
                List<ConsumerRecord<String, TelemetryRecord>> records = topics.poll().stream()
                        .filter(r -> r.topic().equals(Topics.userTopic(user))).toList();
                String sessionId = records.get(0).key();
                assertThat(records).allSatisfy(r -> {
                    assertThat(r.key()).isEqualTo(sessionId);
                    assertThat(header(r, HeaderNames.SESSION_ID)).isEqualTo(sessionId);
                    assertThat(header(r, HeaderNames.USER_ID)).isEqualTo(user);
                    assertThat(header(r, HeaderNames.SOURCE)).isEqualTo("collector-demo");
                });
                assertThat(records.get(0).value().getSessionStarted().getUserId()).isEqualTo(user);
                List<Long> sequences = records.stream().filter(r -> r.value().hasFrame())
                        .map(r -> r.value().getFrame().getSequence()).toList();
                assertThat(sequences).isNotEmpty();
                for (int i = 0; i < sequences.size(); i++) {
                    assertThat(sequences.get(i)).isEqualTo(i + 1L);
                }
                assertThat(records.stream().filter(r -> r.value().hasLapCompleted())
                        .map(r -> r.value().getLapCompleted()).map(LapCompleted::getLapNumber))
                        .containsExactly(1, 2);
                TelemetryRecord last = records.get(records.size() - 1).value();
                assertThat(last.getSessionEnded().getReason()).isEqualTo(SessionEndReason.FINISHED);
                assertThat(last.getSessionEnded().getLastFrameSequence()).isEqualTo(sequences.size());
            }
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
