package io.purplesector.collector.acc;

import static io.purplesector.collector.acc.Records.frames;
import static io.purplesector.collector.acc.Records.laps;
import static io.purplesector.collector.acc.Records.starts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.purplesector.collector.acc.simulator.AccSimulator;
import io.purplesector.telemetry.proto.AccChangeHudPage;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.CommandOutcome;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.TopicRecords;
import io.purplesector.testsupport.WithTestKafka;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
 * No shared memory (the game on another PC, or Linux without a bridge): the focused car from
 * broadcasting alone, at the update interval, said so in health; and a read-only registration,
 * whose commands are refused with the reason.
 */
@WithTestKafka
@SpringBootTest(properties = {"purplesector.acc.user-id=" + BroadcastingOnlyIT.USER,
        "purplesector.acc.broadcasting.update-interval=50ms", "server.port=0"})
class BroadcastingOnlyIT {

    static final String USER = "acc-remote";

    private static AccSimulator game;

    @Autowired
    @Qualifier("game")
    HealthIndicator gameHealth;

    @DynamicPropertySource
    static void game(DynamicPropertyRegistry registry) throws IOException {
        // The collector looks for pages in a directory the game leaves empty.
        game = SimulatedAcc.start(nothing -> AccSimulator.Settings.both(nothing).withoutPages().withTimeScale(20)
                .withCommandPassword("the game's own"), registry);
    }

    @AfterAll
    static void stopGame() throws IOException {
        game.close();
    }

    @Test
    void publishesTheFocusedCarFromBroadcastingAloneAndRefusesCommandsWhenReadOnly() throws Exception {
        try (TopicRecords topic = new TopicRecords(List.of(Topics.userTopic(USER)))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> laps(topic.poll()).size() >= 2);
            assertThat(gameHealth.health().getStatus()).isEqualTo(Status.UP);
            assertThat(gameHealth.health().getDetails()).containsEntry("mode", "BROADCASTING_ONLY")
                    .hasEntrySatisfying("sharedMemory", absent -> assertThat((String) absent).startsWith("absent"));

            List<ConsumerRecord<String, TelemetryRecord>> records = topic.poll();
            assertThat(starts(records)).last().satisfies(started -> {
                assertThat(started.getTrack()).isEqualTo("purple_park");
                assertThat(started.getDriver()).as("from the entry list").isEqualTo("Sim Driver");
                assertThat(started.getCar()).as("model 1 of the entry list").isEqualTo("Mercedes-AMG GT3");
            });
            List<TelemetryFrame> frames = frames(records);
            assertThat(frames).allSatisfy(frame -> {
                assertThat(frame.getThrottle()).as("no pedals without the pages").isZero();
                assertThat(frame.hasSessionTime()).isTrue();
            });
            assertThat(frames).anySatisfy(frame -> {
                assertThat(frame.getSpeed()).isPositive();
                assertThat(frame.getWorldX()).isNotZero();
                assertThat(frame.getWorldZ()).isNotZero();
                assertThat(frame.getTrackPosition()).isPositive();
            });
            assertThat(laps(records)).filteredOn(lap -> lap.getLapNumber() > 1).isNotEmpty()
                    .allSatisfy(lap -> assertThat(lap.getSectorTimesList()).hasSize(3));
            Records.assertConsecutive(laps(records));

            // The game did not take the command password: read-only, commands refused with the reason.
            assertThat(gameHealth.health().getDetails()).containsEntry("broadcasting",
                    "127.0.0.1:" + game.port() + " registered, read-only");
            CommandOutcome refused = await().atMost(Duration.ofSeconds(30)).until(() -> CommandsTopic
                    .sendAndAwaitOutcome(Command.newBuilder().setAccChangeHudPage(AccChangeHudPage.newBuilder()
                            .setHudPage("Broadcasting")), USER, topic), Optional::isPresent).orElseThrow();
            assertThat(refused.getAccepted()).isFalse();
            assertThat(refused.getReason()).startsWith("read-only");
            assertThat(game.received()).noneMatch(request -> request.startsWith("hud"));
        }
    }
}
