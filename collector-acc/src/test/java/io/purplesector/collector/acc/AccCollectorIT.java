package io.purplesector.collector.acc;

import static io.purplesector.collector.acc.Records.frames;
import static io.purplesector.collector.acc.Records.laps;
import static io.purplesector.collector.acc.Records.starts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.purplesector.collector.acc.simulator.AccSimulator;
import io.purplesector.telemetry.proto.AccChangeFocus;
import io.purplesector.telemetry.proto.AccChangeHudPage;
import io.purplesector.telemetry.proto.AccInstantReplay;
import io.purplesector.telemetry.proto.CarStanding;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.CommandOutcome;
import io.purplesector.telemetry.proto.Game;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.SessionType;
import io.purplesector.telemetry.proto.Standings;
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
 * The collector against the simulated game, both sources on, on a real broker: frames carry the
 * pages' physics and broadcasting's timing, laps the game's times and splits, standings every car,
 * commands reach the game and their outcomes come back, and a game restart leads to a new
 * registration and a new session.
 */
@WithTestKafka
@SpringBootTest(properties = {"purplesector.acc.user-id=" + AccCollectorIT.USER,
        "purplesector.acc.silence-timeout=1s", "purplesector.acc.broadcasting.update-interval=100ms",
        "purplesector.acc.broadcasting.register-interval=300ms", "server.port=0"})
class AccCollectorIT {

    static final String USER = "acc-driver";

    private static AccSimulator game;

    @Autowired
    @Qualifier("game")
    HealthIndicator gameHealth;

    @DynamicPropertySource
    static void game(DynamicPropertyRegistry registry) throws IOException {
        // Twenty times faster than life: a lap in a few seconds.
        game = SimulatedAcc.start(pages -> AccSimulator.Settings.both(pages).withTimeScale(20), registry);
    }

    @AfterAll
    static void stopGame() throws IOException {
        game.close();
    }

    @Test
    void mergesBothSourcesAndFollowsTheGameThroughARestart() throws Exception {
        try (TopicRecords topic = new TopicRecords(List.of(Topics.userTopic(USER)))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> laps(topic.poll()).size() >= 2);
            assertThat(gameHealth.health().getStatus()).isEqualTo(Status.UP);
            assertThat(gameHealth.health().getDetails()).containsEntry("mode", "MERGED");

            List<ConsumerRecord<String, TelemetryRecord>> records = topic.poll();
            String first = records.get(0).key();
            assertThat(records.get(0).value().hasSessionStarted()).isTrue();
            assertThat(starts(records)).last().satisfies(started -> {
                assertThat(started.getGame()).isEqualTo(Game.ASSETTO_CORSA_COMPETIZIONE);
                assertThat(started.getTrack()).isEqualTo("purple_park");
                assertThat(started.getCar()).isEqualTo("purple_gt3");
                assertThat(started.getDriver()).isEqualTo("Sim Driver");
                assertThat(started.getSessionType()).isEqualTo(SessionType.PRACTICE);
                assertThat(started.getSectorCount()).isEqualTo(3);
                assertThat(started.getTrackLength()).as("from broadcasting's track data").isGreaterThan(1_000);
            });
            List<TelemetryFrame> frames = frames(records);
            assertThat(frames).extracting(TelemetryFrame::getSequence).doesNotHaveDuplicates();
            assertThat(frames).as("the pages' physics").anySatisfy(frame -> {
                assertThat(frame.getThrottle()).isPositive();
                assertThat(frame.getRpm()).isPositive();
                assertThat(frame.getTyrePressure().getFrontLeft()).isEqualTo(27.5f);
                assertThat(frame.getWorldX()).isNotZero();
            });
            assertThat(frames).as("broadcasting's timing").anySatisfy(frame -> {
                assertThat(frame.hasSessionTime()).isTrue();
                assertThat(frame.getTrackPosition()).isPositive();
            });
            assertThat(laps(records)).allSatisfy(lap -> {
                assertThat(lap.getTimeFromGame()).isTrue();
                assertThat(lap.getLapTime()).isPositive();
                assertThat(lap.hasValid()).isTrue();
            });
            // The out-lap, from the pit box, has no splits; a flying lap has broadcasting's three. (The
            // game may have driven some laps before the collector joined: those are not reported.)
            assertThat(laps(records)).filteredOn(lap -> lap.getLapNumber() > 1).isNotEmpty().allSatisfy(lap -> {
                assertThat(lap.getSectorTimesList()).hasSize(3);
                assertThat(lap.getSectorTimesList().stream().mapToInt(Integer::intValue).sum())
                        .isEqualTo(lap.getLapTime());
            });
            Records.assertConsecutive(laps(records));

            assertThat(records).filteredOn(r -> r.value().hasStandings()).last().satisfies(r -> {
                Standings standings = r.value().getStandings();
                assertThat(r.key()).isEqualTo(first);
                assertThat(standings.getCarsList()).extracting(CarStanding::getPosition).containsExactly(1, 2, 3, 4);
                assertThat(standings.getCarsList()).filteredOn(CarStanding::getFocused).singleElement()
                        .satisfies(player -> {
                            assertThat(player.getCarIndex()).isZero();
                            assertThat(player.getDriver()).isEqualTo("Sim Driver");
                            assertThat(player.getTeam()).isEqualTo("Purple Sector 0");
                        });
                assertThat(standings.getCarsList().get(0).getGapToLeader()).isZero();
                assertThat(standings.getCarsList()).allSatisfy(car -> assertThat(car.getWorldX()).isNotZero());
            });

            // Commands: this registration has write access, so they reach the game.
            CommandOutcome hud = await().atMost(Duration.ofSeconds(30)).until(() -> CommandsTopic.sendAndAwaitOutcome(
                    Command.newBuilder().setAccChangeHudPage(AccChangeHudPage.newBuilder().setHudPage("Broadcasting")),
                    USER, topic), Optional::isPresent).orElseThrow();
            assertThat(hud.getAccepted()).isTrue();
            assertThat(hud.getSessionId()).isEqualTo(first);
            // The outcome is published once the request is sent; the game reads it a moment later.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(game.received())
                    .anyMatch(request -> request.startsWith("hud ") && request.endsWith(" Broadcasting")));
            CommandOutcome replay = CommandsTopic.sendAndAwaitOutcome(Command.newBuilder().setAccInstantReplay(
                    AccInstantReplay.newBuilder().setSecondsBack(5).setDurationSeconds(3).setCarIndex(2)), USER, topic)
                    .orElseThrow();
            assertThat(replay.getAccepted()).isTrue();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(game.received())
                    .anyMatch(request -> request.startsWith("replay ") && request.contains(" 3000.0 2 ")));
            CommandOutcome elsewhere = CommandsTopic.sendAndAwaitOutcome(Command.newBuilder().setSessionId("acc-1")
                    .setAccChangeFocus(AccChangeFocus.newBuilder().setCarIndex(1)), USER, topic).orElseThrow();
            assertThat(elsewhere.getAccepted()).isFalse();
            assertThat(elsewhere.getReason()).contains("not the game's current one");

            int registrations = registrations();
            game.restart(1_500);
            await().atMost(Duration.ofSeconds(15)).until(() -> frames(topic.poll()).stream()
                    .anyMatch(frame -> !frame.getSessionId().equals(first) && frame.hasSessionTime()));
            assertThat(registrations()).as("registered again after the restart").isGreaterThan(registrations);
            assertThat(topic.poll()).filteredOn(r -> r.value().hasSessionEnded()).first().satisfies(r -> {
                assertThat(r.key()).isEqualTo(first);
                assertThat(r.value().getSessionEnded().getReason()).isEqualTo(SessionEndReason.GAME_SILENT);
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> gameHealth.health().getStatus().equals(Status.UP));
        }
    }

    private static int registrations() {
        return (int) game.received().stream().filter(request -> request.startsWith("register")).count();
    }
}
