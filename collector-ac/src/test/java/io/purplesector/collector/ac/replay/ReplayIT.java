package io.purplesector.collector.ac.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.purplesector.collector.ac.AcCollectorApplication;
import io.purplesector.collector.ac.link.GameLink;
import io.purplesector.collector.ac.session.AcSessions;
import io.purplesector.collector.ac.simulator.AcSimulator;
import io.purplesector.collector.capture.DatagramRecorder;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.TestKafka;
import io.purplesector.testsupport.TopicRecords;
import io.purplesector.testsupport.WithTestKafka;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code --replay}: a session recorded from the (simulated) game is replayed as fast as possible
 * into a real broker; the frames published are the frames the live collector made from the same
 * datagrams, and the run ends with its one-line summary once the broker has acknowledged them.
 */
@WithTestKafka
@ExtendWith(OutputCaptureExtension.class)
class ReplayIT {

    @TempDir
    Path directory;

    @Test
    void aRecordingReplaysIntoKafkaAsTheLiveCollectorSawIt(CapturedOutput output) throws Exception {
        Path recording = directory.resolve("session.pcap");
        List<TelemetryRecord> live = Collections.synchronizedList(new ArrayList<>());
        int gamePort;
        try (AcSimulator game = AcSimulator.start(0, AcSimulator.Settings.defaults().withSpeed(100, 10, 0));
                DatagramRecorder recorder = DatagramRecorder.pcap(recording)) {
            gamePort = game.port();
            GameLink link = new GameLink(new InetSocketAddress("127.0.0.1", gamePort), Duration.ofMillis(300),
                    Duration.ofSeconds(2), new AcSessions("replayer", 0, Duration.ofSeconds(2), live::add,
                            new SimpleMeterRegistry()), recorder, new SimpleMeterRegistry());
            Thread thread = new Thread(link::run);
            thread.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> frames(live).size() > 3000);
            link.stop();
            thread.join();
            // The link dismissed itself on stopping: the game no longer sends to it.
            await().atMost(Duration.ofSeconds(5)).until(() -> game.updateListeners() == 0);
        }
        List<TelemetryFrame> liveFrames = frames(live);

        try (ConfigurableApplicationContext replay = new SpringApplicationBuilder(AcCollectorApplication.class)
                .web(WebApplicationType.NONE)
                .run("--purplesector.ac.replay=" + recording, "--purplesector.ac.replay-speed=0",
                        "--purplesector.ac.game-port=" + gamePort, "--purplesector.ac.user-id=replayer",
                        "--purplesector.ac.max-rate-hz=0",
                        "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers());
                TopicRecords topic = new TopicRecords(List.of(Topics.userTopic("replayer")))) {
            assertThat(output.getOut()).containsPattern("Replayed .*session.pcap: \\d+ datagrams read, \\d+ decoded, "
                    + "\\d+ malformed, " + liveFrames.size() + " frames published");
            await().atMost(Duration.ofSeconds(30)).until(() -> frames(topic.poll().stream().map(r -> r.value()).toList())
                    .size() >= liveFrames.size());
            assertThat(frames(topic.poll().stream().map(r -> r.value()).toList())).containsExactlyElementsOf(liveFrames);
        }
    }

    private static List<TelemetryFrame> frames(List<TelemetryRecord> records) {
        synchronized (records) {
            return records.stream().filter(TelemetryRecord::hasFrame).map(TelemetryRecord::getFrame).toList();
        }
    }
}
