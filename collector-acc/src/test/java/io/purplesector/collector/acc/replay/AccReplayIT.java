package io.purplesector.collector.acc.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.purplesector.collector.acc.AccCollectorApplication;
import io.purplesector.collector.acc.simulator.AccSimulator;
import io.purplesector.telemetry.proto.LapCompleted;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.TestKafka;
import io.purplesector.testsupport.TopicRecords;
import io.purplesector.testsupport.WithTestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code --record} then {@code --replay}: a session recorded from the (simulated) game, both
 * sources, replays as fast as possible into a real broker with the frames and laps the live
 * collector published; the same pcap without its pages replays in broadcasting-only mode.
 */
@WithTestKafka
@ExtendWith(OutputCaptureExtension.class)
class AccReplayIT {

    @TempDir
    Path directory;

    @Test
    void aRecordingReplaysAsTheLiveCollectorSawItAndThePcapAloneAsBroadcastingOnly(CapturedOutput output)
            throws Exception {
        Path recording = directory.resolve("session.pcap");
        Path pages = directory.resolve("shm");
        int gamePort;
        List<TelemetryRecord> live;
        try (AccSimulator game = new AccSimulator(AccSimulator.Settings.both(pages).withTimeScale(20));
                TopicRecords topic = new TopicRecords(List.of(Topics.userTopic("acc-recorded")))) {
            gamePort = game.port();
            try (ConfigurableApplicationContext collector = collector("acc-recorded", gamePort,
                    "--purplesector.acc.record=" + recording, "--purplesector.acc.shared-memory.directory=" + pages)) {
                await().atMost(Duration.ofSeconds(90)).until(() -> laps(values(topic.poll())).size() >= 2);
            }
            // Stopping ends the session: its last record is in once the session's end is.
            await().atMost(Duration.ofSeconds(10)).until(() -> values(topic.poll()).stream()
                    .anyMatch(TelemetryRecord::hasSessionEnded));
            live = values(topic.poll());
        }
        assertThat(recording).exists();
        assertThat(PageRecording.beside(recording)).exists();

        List<TelemetryRecord> replayed = replay("acc-replayed", recording, gamePort);
        assertThat(output.getOut()).containsPattern("Replayed .*session.pcap: \\d+ datagrams read, \\d+ decoded, "
                + "0 malformed, " + frames(live).size() + " frames published");
        assertThat(frames(replayed)).extracting(Physics::of).containsExactlyElementsOf(
                frames(live).stream().map(Physics::of).toList());
        assertThat(laps(replayed)).extracting(LapCompleted::getLapNumber, LapCompleted::getLapTime,
                LapCompleted::getSectorTimesList).containsExactlyElementsOf(laps(live).stream()
                        .map(lap -> org.assertj.core.groups.Tuple.tuple(lap.getLapNumber(), lap.getLapTime(),
                                lap.getSectorTimesList())).toList());

        // As tcpdump takes it on the gaming PC: broadcasting alone.
        Files.delete(PageRecording.beside(recording));
        List<TelemetryRecord> broadcastOnly = replay("acc-pcap-only", recording, gamePort);
        assertThat(frames(broadcastOnly)).isNotEmpty().allSatisfy(frame -> assertThat(frame.getThrottle()).isZero());
        assertThat(laps(broadcastOnly)).extracting(LapCompleted::getLapNumber)
                .containsExactlyElementsOf(laps(live).stream().map(LapCompleted::getLapNumber).toList());
    }

    /** What a frame carries from the pages: the same in the live run and its replay. */
    private record Physics(long timestamp, float speed, float throttle, float brake, int rpm, int gear) {
        static Physics of(TelemetryFrame frame) {
            return new Physics(frame.getTimestamp(), frame.getSpeed(), frame.getThrottle(), frame.getBrake(),
                    frame.getRpm(), frame.getGear());
        }
    }

    private static List<TelemetryRecord> replay(String user, Path recording, int gamePort) {
        try (ConfigurableApplicationContext replay = collector(user, gamePort, "--purplesector.acc.replay=" + recording,
                "--purplesector.acc.replay-speed=0");
                TopicRecords topic = new TopicRecords(List.of(Topics.userTopic(user)))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> values(topic.poll()).stream()
                    .anyMatch(TelemetryRecord::hasSessionEnded));
            return values(topic.poll());
        }
    }

    private static ConfigurableApplicationContext collector(String user, int gamePort, String... more) {
        List<String> arguments = new java.util.ArrayList<>(List.of("--purplesector.acc.user-id=" + user,
                "--purplesector.acc.game-port=" + gamePort, "--purplesector.acc.silence-timeout=1s",
                "--purplesector.acc.broadcasting.update-interval=100ms",
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers()));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(AccCollectorApplication.class).web(WebApplicationType.NONE)
                .run(arguments.toArray(String[]::new));
    }

    private static List<TelemetryRecord> values(List<ConsumerRecord<String, TelemetryRecord>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static List<TelemetryFrame> frames(List<TelemetryRecord> records) {
        return records.stream().filter(TelemetryRecord::hasFrame).map(TelemetryRecord::getFrame).toList();
    }

    private static List<LapCompleted> laps(List<TelemetryRecord> records) {
        return records.stream().filter(TelemetryRecord::hasLapCompleted).map(TelemetryRecord::getLapCompleted)
                .toList();
    }
}
