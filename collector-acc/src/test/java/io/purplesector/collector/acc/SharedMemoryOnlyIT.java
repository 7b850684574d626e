package io.purplesector.collector.acc;

import static io.purplesector.collector.acc.Records.frames;
import static io.purplesector.collector.acc.Records.laps;
import static io.purplesector.collector.acc.Records.starts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.purplesector.collector.acc.simulator.AccSimulator;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.TopicRecords;
import io.purplesector.testsupport.WithTestKafka;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Broadcasting switched off: frames and laps from the pages alone, at the polling rate, said so
 * in health.
 */
@WithTestKafka
@SpringBootTest(properties = {"purplesector.acc.user-id=" + SharedMemoryOnlyIT.USER,
        "purplesector.acc.broadcasting.enabled=false", "purplesector.acc.shared-memory.poll-rate-hz=100",
        "server.port=0"})
class SharedMemoryOnlyIT {

    static final String USER = "acc-local";

    private static AccSimulator game;

    @Autowired
    @Qualifier("game")
    HealthIndicator gameHealth;

    @DynamicPropertySource
    static void game(DynamicPropertyRegistry registry) throws IOException {
        game = SimulatedAcc.start(pages -> AccSimulator.Settings.both(pages).withoutBroadcasting().withTimeScale(20),
                registry);
    }

    @AfterAll
    static void stopGame() throws IOException {
        game.close();
    }

    @Test
    void publishesFramesAndLapsFromThePagesAlone() {
        try (TopicRecords topic = new TopicRecords(List.of(Topics.userTopic(USER)))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> laps(topic.poll()).size() >= 2);
            assertThat(gameHealth.health().getStatus()).isEqualTo(Status.UP);
            assertThat(gameHealth.health().getDetails()).containsEntry("mode", "SHARED_MEMORY_ONLY")
                    .containsEntry("broadcasting", "off");

            List<ConsumerRecord<String, TelemetryRecord>> records = topic.poll();
            assertThat(starts(records)).last().satisfies(started -> {
                assertThat(started.getCar()).isEqualTo("purple_gt3");
                assertThat(started.getDriver()).isEqualTo("Sim Driver");
                assertThat(started.getTrackLength()).as("only broadcasting knows it").isZero();
            });
            assertThat(frames(records)).allSatisfy(frame -> assertThat(frame.hasSessionTime()).isFalse());
            assertThat(frames(records)).anySatisfy(frame -> {
                assertThat(frame.getThrottle()).isPositive();
                assertThat(frame.getTrackPosition()).as("the graphics page's position").isEqualTo(1);
            });
            assertThat(laps(records)).allSatisfy(lap -> {
                assertThat(lap.getLapTime()).isPositive();
                assertThat(lap.getSectorTimesList()).as("the pages give no splits").isEmpty();
                assertThat(lap.hasValid()).isTrue();
            });
            Records.assertConsecutive(laps(records));
        }
    }
}
