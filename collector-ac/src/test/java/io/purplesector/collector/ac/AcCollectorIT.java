package io.purplesector.collector.ac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.purplesector.collector.ac.protocol.CarInfo;
import io.purplesector.collector.ac.protocol.Wheels;
import io.purplesector.collector.ac.session.AcSessions;
import io.purplesector.collector.ac.simulator.AcSimulator;
import io.purplesector.collector.capture.CapturedDatagram;
import io.purplesector.collector.capture.PcapReader;
import io.purplesector.telemetry.proto.Game;
import io.purplesector.telemetry.proto.PitState;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.HttpSurface;
import io.purplesector.testsupport.TopicRecords;
import io.purplesector.testsupport.WithTestKafka;
import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The collector against the simulated game on a real broker: what reaches Kafka is what the game
 * sent, field by field; laps and the session start are right; the game restarting makes the
 * collector start a new session by itself within seconds, health following; datagrams that are
 * not the game's are counted and change nothing; and the recording, replayed, gives the same frames.
 */
@WithTestKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.ac.user-id=" + AcCollectorIT.USER, "purplesector.ac.max-rate-hz=0",
        "purplesector.ac.handshake-interval=300ms", "purplesector.ac.silence-timeout=3s"})
class AcCollectorIT {

    private static final Logger log = LoggerFactory.getLogger(AcCollectorIT.class);

    static final String USER = "ac-driver";
    /** Ten times faster than life: a lap in a few seconds. */
    private static final AcSimulator.Settings GAME = AcSimulator.Settings.defaults().withSpeed(100, 10, 0);
    private static final Path RECORDING = Path.of("target", "ac-collector-it.pcap");

    private static int gamePort;
    private static AcSimulator game;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("game")
    HealthIndicator gameHealth;

    @DynamicPropertySource
    static void game(DynamicPropertyRegistry registry) throws IOException {
        try (DatagramSocket free = new DatagramSocket(0)) {
            gamePort = free.getLocalPort();
        }
        Files.deleteIfExists(RECORDING);
        game = AcSimulator.start(gamePort, GAME);
        registry.add("purplesector.ac.game-port", () -> gamePort);
        registry.add("purplesector.ac.record", RECORDING::toString);
    }

    @AfterAll
    static void stopGame() throws InterruptedException {
        game.close();
    }

    @Test
    void whatTheGameSendsReachesKafkaAndTheCollectorFollowsTheGameThroughARestart() throws Exception {
        try (TopicRecords topic = new TopicRecords(List.of(Topics.userTopic(USER)))) {
            // Two laps driven; along the way, datagrams that are not the game's.
            // Said in the failure: how far the collector got, and in how many sessions.
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(lapsCompleted(topic.poll()))
                    .as("laps completed, with %d frames in sessions %s", frames(topic.poll()).size(),
                            sessionIds(topic.poll()))
                    .isGreaterThanOrEqualTo(2));
            assertThat(gameHealth.health().getStatus()).isEqualTo(Status.UP);
            Random random = new Random(7);
            for (int i = 0; i < 500; i++) {
                byte[] junk = new byte[random.nextInt(600)];
                random.nextBytes(junk);
                game.sendRaw(junk);
            }
            long framesBefore = frames(topic.poll()).size();
            await().atMost(Duration.ofSeconds(20)).until(() -> frames(topic.poll()).size() > framesBefore + 200);

            // The game goes away mid-session and comes back two seconds later.
            String first = firstSession(topic);
            game.close();
            List<CarInfo> sentBeforeRestart = game.sent();
            await().atMost(Duration.ofSeconds(10)).until(() -> gameHealth.health().getStatus().equals(Status.UNKNOWN));
            Thread.sleep(1_000);
            long restartedAt = System.currentTimeMillis();
            game = AcSimulator.start(gamePort, GAME);
            await().atMost(Duration.ofSeconds(10)).until(() -> frames(topic.poll()).stream()
                    .anyMatch(frame -> !frame.getSessionId().equals(first)));
            long backAt = frames(topic.poll()).stream().filter(frame -> !frame.getSessionId().equals(first))
                    .mapToLong(TelemetryFrame::getTimestamp).min().orElseThrow();
            report("collector-ac: data again %d ms after the game restarted%n", backAt - restartedAt);
            assertThat(gameHealth.health().getStatus()).isEqualTo(Status.UP);
            assertThat(backAt - restartedAt).as("ms from the game's restart to its data in Kafka").isLessThan(5_000);

            List<ConsumerRecord<String, TelemetryRecord>> records = topic.poll();
            assertThat(sessionIds(records)).hasSize(2);
            assertSessionStarted(records, first);
            assertThat(records).filteredOn(r -> r.value().hasSessionEnded()).first()
                    .satisfies(r -> assertThat(r.value().getSessionEnded().getReason()).isEqualTo(SessionEndReason.GAME_SILENT));
            assertEveryFieldAsSent(framesOf(records, first), sentBeforeRestart);
            assertLapsAsTheGameTimedThem(records, first, sentBeforeRestart);
            assertThat(meters.get("collector.datagrams.malformed").tag("kind", "WRONG_SIZE").counter().count())
                    .isGreaterThan(400);
            assertThat(meters.get("collector.game.reconnects").counter().count()).isEqualTo(1);

            assertReplayGivesTheSameFrames(framesOf(records, first));
        }
    }

    @Test
    void httpShowsTheAgreedActuatorEndpointsOnlyAndErrorsWithoutStackTraces() throws Exception {
        HttpSurface.exposesOnlyTheAgreedActuatorEndpoints(port);
        HttpSurface.errorsCarryNoStackTrace(port, "/actuator/metrics/no.such.metric");
    }

    private void assertSessionStarted(List<ConsumerRecord<String, TelemetryRecord>> records, String session) {
        assertThat(records.get(0).key()).isEqualTo(session);
        assertThat(records.get(0).value().getSessionStarted()).satisfies(started -> {
            assertThat(started.getGame()).isEqualTo(Game.ASSETTO_CORSA);
            assertThat(started.getDriver()).isEqualTo(GAME.driver());
            assertThat(started.getCar()).isEqualTo("purple_gt3"); // what the simulated game drives, and announces
            assertThat(started.getTrack()).isEqualTo("purple_park");
            assertThat(started.getUserId()).isEqualTo(USER);
        });
    }

    /**
     * Each frame is a car info the game sent, in the order sent, every channel mapped (a datagram
     * the loopback dropped leaves a gap in the sent list, never a difference in a frame).
     */
    private static void assertEveryFieldAsSent(List<TelemetryFrame> frames, List<CarInfo> sent) {
        assertThat(frames.size()).isGreaterThan(1000);
        int next = 0;
        for (int i = 0; i < frames.size(); i++) {
            TelemetryFrame frame = frames.get(i);
            while (next < sent.size() && !sameMoment(frame, sent.get(next))) {
                next++;
            }
            assertThat(next).as("frame %d is one of the car infos sent", i + 1).isLessThan(sent.size());
            CarInfo car = sent.get(next++);
            assertThat(frame.getSequence()).isEqualTo(i + 1);
            assertThat(frame.getSpeed()).isEqualTo(car.speedKmh());
            assertThat(frame.getThrottle()).isEqualTo(car.gas());
            assertThat(frame.getBrake()).isEqualTo(car.brake());
            assertThat(frame.getClutch()).isEqualTo(car.clutch());
            assertThat(frame.getSteering()).isEqualTo(car.steer());
            assertThat(frame.getRawGear()).isEqualTo(car.rawGear());
            assertThat(frame.getGear()).isEqualTo(car.rawGear() - 1);
            assertThat(frame.getEngineRpm()).isEqualTo(car.engineRpm());
            assertThat(frame.getRpm()).isEqualTo(Math.round(car.engineRpm()));
            assertThat(frame.getLimiterActive()).isEqualTo(car.engineLimiterOn());
            assertThat(frame.getNormalizedPosition()).isEqualTo(car.carPositionNormalized());
            assertThat(frame.getLapNumber()).isEqualTo(car.lapCount() + 1);
            assertThat(frame.getLapTime()).isEqualTo(car.lapTimeMillis());
            assertThat(frame.getLastLapTime()).isEqualTo(car.lastLapMillis());
            assertThat(frame.getBestLapTime()).isEqualTo(car.bestLapMillis());
            assertThat(List.of(frame.getWorldX(), frame.getWorldY(), frame.getWorldZ()))
                    .containsExactly(car.worldX(), car.worldY(), car.worldZ());
            assertThat(List.of(frame.getGLateral(), frame.getGLongitudinal(), frame.getGVertical()))
                    .containsExactly(car.accGHorizontal(), car.accGFrontal(), car.accGVertical());
            assertWheels(frame.getWheelSlip(), car.tyreSlip());
            assertWheels(frame.getWheelAngularSpeed(), car.wheelAngularSpeed());
            assertWheels(frame.getTyreLoad(), car.load());
            assertWheels(frame.getSuspensionTravel(), car.suspensionHeight());
            assertWheels(frame.getSlipAngle(), car.slipAngle());
            assertWheels(frame.getSlipAngleContactPatch(), car.slipAngleContactPatch());
            assertWheels(frame.getSlipRatio(), car.slipRatio());
            assertWheels(frame.getNormalizedSlip(), car.ndSlip());
            assertWheels(frame.getTyreLateralGrip(), car.dy());
            assertWheels(frame.getSelfAligningTorque(), car.mz());
            assertWheels(frame.getTyreDirt(), car.tyreDirtyLevel());
            assertWheels(frame.getCamber(), car.camberRad());
            assertWheels(frame.getTyreRadius(), car.tyreRadius());
            assertWheels(frame.getTyreLoadedRadius(), car.tyreLoadedRadius());
            assertThat(List.of(frame.getCgHeight(), frame.getCarSlope())).containsExactly(car.cgHeight(), car.carSlope());
            assertThat(List.of(frame.getAbsEnabled(), frame.getAbsActive(), frame.getTcEnabled(), frame.getTcActive()))
                    .containsExactly(car.absEnabled(), car.absInAction(), car.tcEnabled(), car.tcInAction());
            assertThat(frame.getPitState()).isEqualTo(car.inPit() ? PitState.PIT_LANE : PitState.ON_TRACK);
        }
    }

    private static boolean sameMoment(TelemetryFrame frame, CarInfo car) {
        return frame.getLapTime() == car.lapTimeMillis() && frame.getLapNumber() == car.lapCount() + 1
                && frame.getNormalizedPosition() == car.carPositionNormalized();
    }

    private static void assertWheels(io.purplesector.telemetry.proto.Wheels actual, Wheels sent) {
        assertThat(List.of(actual.getFrontLeft(), actual.getFrontRight(), actual.getRearLeft(), actual.getRearRight()))
                .containsExactly(sent.frontLeft(), sent.frontRight(), sent.rearLeft(), sent.rearRight());
    }

    /** One LapCompleted per lap the game counted, with the lap time the game reported for it. */
    private static void assertLapsAsTheGameTimedThem(List<ConsumerRecord<String, TelemetryRecord>> records,
            String session, List<CarInfo> sent) {
        List<Integer> expectedTimes = new ArrayList<>();
        for (int i = 1; i < sent.size(); i++) {
            if (sent.get(i).lapCount() > sent.get(i - 1).lapCount()) {
                expectedTimes.add(sent.get(i).lastLapMillis());
            }
        }
        List<TelemetryRecord> laps = records.stream().map(ConsumerRecord::value)
                .filter(value -> value.hasLapCompleted() && value.getLapCompleted().getSessionId().equals(session))
                .toList();
        assertThat(laps).extracting(lap -> lap.getLapCompleted().getLapNumber())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, laps.size()).boxed().toList());
        assertThat(laps).extracting(lap -> lap.getLapCompleted().getLapTime())
                .containsExactlyElementsOf(expectedTimes.subList(0, laps.size()));
        assertThat(laps).allSatisfy(lap -> assertThat(lap.getLapCompleted().getTimeFromGame()).isTrue());
    }

    /** The recording, read back through the live path, gives the frames that went to Kafka. */
    private static void assertReplayGivesTheSameFrames(List<TelemetryFrame> published) throws IOException {
        List<TelemetryRecord> replayed = new ArrayList<>();
        AcSessions sessions = new AcSessions(USER, 0, Duration.ofSeconds(3), replayed::add, new SimpleMeterRegistry());
        try (PcapReader reader = new PcapReader(RECORDING)) {
            for (CapturedDatagram datagram = reader.next(); datagram != null; datagram = reader.next()) {
                if (datagram.sourcePort() == gamePort) {
                    sessions.accept(datagram.payload(), datagram.timestampMillis());
                }
            }
        }
        List<TelemetryFrame> frames = replayed.stream().filter(TelemetryRecord::hasFrame).map(TelemetryRecord::getFrame)
                .filter(frame -> frame.getSessionId().equals(published.get(0).getSessionId())).toList();
        assertThat(frames).containsExactlyElementsOf(published);
    }

    private static String firstSession(TopicRecords topic) {
        return sessionIds(topic.poll()).get(0);
    }

    private static List<String> sessionIds(List<ConsumerRecord<String, TelemetryRecord>> records) {
        return records.stream().filter(r -> r.value().hasSessionStarted()).map(ConsumerRecord::key).distinct().toList();
    }

    private static List<TelemetryFrame> frames(List<ConsumerRecord<String, TelemetryRecord>> records) {
        return records.stream().filter(r -> r.value().hasFrame()).map(r -> r.value().getFrame()).toList();
    }

    private static List<TelemetryFrame> framesOf(List<ConsumerRecord<String, TelemetryRecord>> records, String session) {
        return frames(records).stream().filter(frame -> frame.getSessionId().equals(session)).toList();
    }

    private static long lapsCompleted(List<ConsumerRecord<String, TelemetryRecord>> records) {
        return records.stream().filter(r -> r.value().hasLapCompleted()).count();
    }

    /** A measured figure, to the log (the console when run on demand). */
    private static void report(String format, Object... values) {
        log.info(String.format(Locale.ROOT, format, values).strip());
    }
}
