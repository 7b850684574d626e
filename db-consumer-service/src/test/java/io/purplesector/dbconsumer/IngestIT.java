package io.purplesector.dbconsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.purplesector.dbconsumer.ingest.DeadLetters;
import io.purplesector.dbconsumer.store.FrameRows;
import io.purplesector.telemetry.proto.CarStanding;
import io.purplesector.telemetry.proto.CommandOutcome;
import io.purplesector.telemetry.proto.LapCompleted;
import io.purplesector.telemetry.proto.PitState;
import io.purplesector.telemetry.proto.Standings;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.Wheels;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.BadInput;
import io.purplesector.testsupport.HttpSurface;
import io.purplesector.testsupport.TestKafka;
import io.purplesector.testsupport.WithTestKafka;
import io.purplesector.testsupport.WithTestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Demo data of several users through a real broker into a real PostgreSQL, and what comes out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.db-consumer.topic-pattern=telemetry-user-ingest-.*",
        "purplesector.db-consumer.group=ingest-it",
        "purplesector.db-consumer.dead-letter-topic=ingest-it-dlt",
        "purplesector.db-consumer.batch.flush-interval=50ms",
        "purplesector.db-consumer.sessions.inactivity-timeout=5s",
        "purplesector.db-consumer.sessions.inactivity-check=500ms"})
@WithTestKafka
@WithTestPostgres
class IngestIT {

    private static final List<String> USERS = List.of("ingest-alice", "ingest-bob", "ingest-carol");

    @Autowired
    JdbcClient db;

    @LocalServerPort
    int port;

    @Test
    void threeUsersTwoSessionsEachAreStoredFrameByFrameWithTheirLaps() throws Exception {
        DemoData.createUserTopics(USERS);
        List<List<TelemetryRecord>> sessions = new ArrayList<>();
        long seed = 1;
        for (String user : USERS) {
            for (int i = 0; i < 2; i++) {
                sessions.add(DemoData.session(user, user + "-session-" + i, seed++, 3));
            }
        }
        sessions.forEach(DemoData::publish);

        long expectedFrames = sessions.stream().flatMap(List::stream).filter(TelemetryRecord::hasFrame).count();
        await().atMost(Duration.ofSeconds(90)).until(() -> framesOf(USERS) == expectedFrames);

        assertThat(db.sql("""
                SELECT count(*) FROM (SELECT DISTINCT f.session_ref, f.sequence FROM telemetry_frames f
                JOIN sessions s ON s.id = f.session_ref WHERE s.user_id = ANY(?)) f""")
                .param(USERS.toArray(String[]::new)).query(Long.class).single()).isEqualTo(expectedFrames);
        for (List<TelemetryRecord> session : sessions) {
            assertStored(session);
        }
    }

    @Test
    void standingsAndCommandOutcomesAmongASessionsRecordsAreReadButNotStoredAndMakeNoSession() throws Exception {
        String user = "ingest-standings";
        DemoData.createUserTopics(List.of(user));
        List<TelemetryRecord> session = DemoData.session(user, "with-standings", 5, 1);
        List<TelemetryRecord> mixed = new ArrayList<>();
        for (int i = 0; i < session.size(); i++) {
            mixed.add(session.get(i));
            if (i % 100 == 1) {
                mixed.add(TelemetryRecord.newBuilder().setStandings(Standings.newBuilder()
                        .setSessionId("with-standings").setUserId(user).setTimestamp(i)
                        .addCars(CarStanding.newBuilder().setCarIndex(3).setPosition(1))).build());
                mixed.add(TelemetryRecord.newBuilder().setCommandOutcome(CommandOutcome.newBuilder()
                        .setSessionId("with-standings").setUserId(user).setCommandId("c" + i)
                        .setReason("read-only")).build());
            }
        }
        // An outcome may name a session that never was: it makes none.
        mixed.add(1, TelemetryRecord.newBuilder().setCommandOutcome(CommandOutcome.newBuilder()
                .setSessionId("no-such-session").setUserId(user).setCommandId("ghost")
                .setReason("the command names a session that is not the game's current one")).build());
        DemoData.publish(mixed);

        long frames = session.stream().filter(TelemetryRecord::hasFrame).count();
        await().atMost(Duration.ofSeconds(60)).until(() -> framesOf(user, "with-standings") == frames);
        assertStored(session);
        assertThat(db.sql("SELECT count(*) FROM dead_letter_outbox").query(Long.class).single()).isZero();
        assertThat(db.sql("SELECT count(*) FROM sessions WHERE session_id = 'no-such-session'").query(Long.class)
                .single()).isZero();
    }

    @Test
    void aGameWithoutLapCounterGetsItsLapsFromTrackPositionWrapsWithAnInvalidLapAmongThem() {
        String user = "ingest-nocounter";
        DemoData.createUserTopics(List.of(user));
        List<TelemetryRecord> records = new ArrayList<>();
        // Joined at 40 % of a lap, then two laps of 60 s at 10 Hz (and a little more); the second has an invalid frame.
        long time = 1_800_000_000_000L;
        long sequence = 0;
        for (int step = 0; step < 1600; step++) {
            float position = (0.4f + step / 600f) % 1f;
            TelemetryFrame.Builder frame = TelemetryFrame.newBuilder().setTimestamp(time + step * 100L)
                    .setSequence(++sequence).setNormalizedPosition(position).setPitState(PitState.ON_TRACK)
                    .setSessionId("wraps").setUserId(user);
            if (step == 1000) {
                frame.setLapValid(false);
            }
            records.add(TelemetryRecord.newBuilder().setFrame(frame).build());
        }
        DemoData.publish(records);

        await().atMost(Duration.ofSeconds(60)).until(() -> lapsOf(user, "wraps").size() == 3);
        List<Map<String, Object>> laps = lapsOf(user, "wraps");
        assertThat(laps).extracting(lap -> lap.get("lap_number")).containsExactly(1, 2, 3);
        assertThat(laps).extracting(lap -> lap.get("partial")).containsExactly(true, false, false);
        assertThat(laps).extracting(lap -> lap.get("valid")).containsExactly(false, true, false);
        assertThat(laps).extracting(lap -> lap.get("time_source")).containsOnly("FRAMES");
        // The first crossing is 360 steps in; each full lap is 600 steps of 100 ms.
        assertThat(laps).extracting(lap -> lap.get("lap_time_ms")).containsExactly(36_000, 60_000, 60_000);
    }

    @Test
    @BadInput
    void recordsThatAreNotTelemetryGoToTheDeadLetterTopicWithTheReasonAndTheStreamGoesOn() {
        String user = "ingest-poison";
        DemoData.createUserTopics(List.of(user));
        try (KafkaConsumer<String, byte[]> deadLetters = deadLetterConsumer()) {
            DemoData.publishRaw(Topics.userTopic(user), "poisoned", "not protobuf at all \u00ff".getBytes(StandardCharsets.UTF_8));
            List<TelemetryRecord> session = DemoData.session(user, "after-poison", 99, 1);
            DemoData.publish(session);

            long frames = session.stream().filter(TelemetryRecord::hasFrame).count();
            await().atMost(Duration.ofSeconds(60)).until(() -> framesOf(user, "after-poison") == frames);

            List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(dead::add);
                return !dead.isEmpty();
            });
            ConsumerRecord<String, byte[]> letter = dead.get(0);
            assertThat(letter.key()).isEqualTo("poisoned");
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).startsWith("not protobuf");
            assertThat(header(letter, DeadLetters.REASON_HEADER)).isEqualTo("NOT_PROTOBUF");
            assertThat(header(letter, "kafka_dlt-original-topic")).isEqualTo(Topics.userTopic(user));
            assertThat(header(letter, "kafka_dlt-exception-message")).contains("not a purplesector.telemetry.TelemetryRecord");
        }
        assertThat(db.sql("SELECT count(*) FROM sessions WHERE session_id = 'poisoned'").query(Long.class).single())
                .isZero();
    }

    @Test
    void assettoCorsasTyreAndChassisDetailIsStoredInItsColumns() {
        String user = "ingest-ac";
        DemoData.createUserTopics(List.of(user));
        Wheels camber = Wheels.newBuilder().setFrontLeft(-0.051f).setFrontRight(-0.052f).setRearLeft(-0.031f)
                .setRearRight(-0.032f).build();
        Wheels torque = Wheels.newBuilder().setFrontLeft(41.5f).setFrontRight(-12f).setRearLeft(8f).setRearRight(0.5f)
                .build();
        List<TelemetryRecord> frames = new ArrayList<>();
        for (int sequence = 1; sequence <= 2; sequence++) {
            frames.add(TelemetryRecord.newBuilder().setFrame(TelemetryFrame.newBuilder().setSessionId("ac-detail")
                    .setUserId(user).setSequence(sequence).setTimestamp(DemoData.START + sequence)
                    .setCamber(camber).setSelfAligningTorque(torque).setCgHeight(0.38f).setCarSlope(-0.012f))
                    .build());
        }
        DemoData.publish(frames);
        await().atMost(Duration.ofSeconds(60)).until(() -> framesOf(user, "ac-detail") == 2);

        Map<String, Object> stored = db.sql("""
                SELECT f.camber_fl, f.camber_rr, f.self_aligning_torque_fl, f.self_aligning_torque_fr, f.cg_height_m,
                       f.car_slope, f.slip_angle_fl, f.tyre_pressure_fl
                FROM telemetry_frames f JOIN sessions s ON s.id = f.session_ref
                WHERE s.user_id = ? AND f.sequence = 2""").param(user).query().singleRow();
        assertThat(stored).containsEntry("camber_fl", -0.051f).containsEntry("camber_rr", -0.032f)
                .containsEntry("self_aligning_torque_fl", 41.5f).containsEntry("self_aligning_torque_fr", -12f)
                .containsEntry("cg_height_m", 0.38f).containsEntry("car_slope", -0.012f);
        // Sets the frame does not carry are null, not zeros that would read as measurements.
        assertThat(stored.get("slip_angle_fl")).isNull();
        assertThat(stored.get("tyre_pressure_fl")).isNull();
    }

    @Test
    void theHttpApiListsSessionsAndLapsAndExportsALapsFramesAsJsonAndCsv() throws Exception {
        String user = "ingest-api";
        DemoData.createUserTopics(List.of(user));
        List<TelemetryRecord> session = DemoData.session(user, "api-session", 7, 2);
        DemoData.publish(session);
        long frames = session.stream().filter(TelemetryRecord::hasFrame).count();
        await().atMost(Duration.ofSeconds(60)).until(() -> framesOf(user, "api-session") == frames
                && lapsOf(user, "api-session").size() == 2);

        HttpClient http = HttpClient.newHttpClient();
        String sessions = get(http, "/api/users/" + user + "/sessions", "application/json").body();
        assertThat(sessions).contains("\"sessionId\":\"api-session\"", "\"track\":\"purple_park\"", "\"laps\":2");
        String laps = get(http, "/api/users/" + user + "/sessions/api-session/laps", "application/json").body();
        assertThat(laps).contains("\"lapNumber\":1", "\"lapNumber\":2", "\"outLap\":true");

        Map<String, Object> lap2 = lapsOf(user, "api-session").get(1);
        long lapFrames = (Long) lap2.get("last_sequence") - (Long) lap2.get("first_sequence") + 1;
        HttpResponse<String> csv = get(http, "/api/users/" + user + "/sessions/api-session/laps/2/frames", "text/csv");
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("sequence,time,lap_number").contains("tyre_pressure_fl,tyre_pressure_fr");
        assertThat(lines.get(0).split(",")).hasSize(FrameRows.COLUMNS.size() - 1);
        assertThat(lines).hasSize((int) lapFrames + 1);
        assertThat(lines.get(1)).contains(",2,");
        assertThat(lines.get(1).split(",")[1]).as("the time, ISO 8601 in UTC")
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        String json = get(http, "/api/users/" + user + "/sessions/api-session/laps/2/frames", "application/json").body();
        assertThat(json).startsWith("[{\"sequence\":").contains("\"tyre_pressure_rr\":");

        assertThat(get(http, "/api/users/" + user + "/sessions/nope/laps", "application/json").statusCode()).isEqualTo(404);

        String health = get(http, "/actuator/health", "application/json").body();
        assertThat(health).contains("\"db\":{", "\"kafka\":{").startsWith("{\"components\"");
        String metrics = get(http, "/actuator/prometheus", "text/plain").body();
        assertThat(metrics).contains("telemetry_frames_received_total", "telemetry_frames_written_total",
                "telemetry_batch_frames", "telemetry_batch_write_seconds", "telemetry_laps_detected_total",
                "telemetry_records_dead_lettered_total", "kafka_consumer_fetch_manager_records_lag_max");
        assertThat(get(http, "/api/users/" + user + "/sessions/api-session/laps/9/frames", "text/csv").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aSessionThatFallsSilentIsClosedAndOpensAgainWhenFramesCome() {
        String user = "ingest-silent";
        DemoData.createUserTopics(List.of(user));
        List<TelemetryRecord> frames = DemoData.session(user, "goes-quiet", 11, 1).stream()
                .filter(TelemetryRecord::hasFrame).limit(200).toList();
        DemoData.publish(frames.subList(0, 100));
        await().atMost(Duration.ofSeconds(60)).until(() -> "INACTIVE".equals(endReason(user, "goes-quiet")));

        DemoData.publish(frames.subList(100, 200));
        await().atMost(Duration.ofSeconds(60)).until(() -> framesOf(user, "goes-quiet") == 200);
        Map<String, Object> session = db.sql("""
                SELECT ended_at, end_reason, frame_count FROM sessions WHERE user_id = ? AND session_id = ?""")
                .params(user, "goes-quiet").query().singleRow();
        assertThat(session.get("end_reason")).as("reopened by its frames").isNull();
        assertThat(session).containsEntry("frame_count", 200L);
    }

    private String endReason(String user, String sessionId) {
        return db.sql("SELECT end_reason FROM sessions WHERE user_id = ? AND session_id = ?")
                .params(user, sessionId).query(String.class).optional().orElse(null);
    }

    @Test
    @BadInput
    void httpShowsTheAgreedActuatorEndpointsOnlyAndErrorsWithoutStackTraces() throws Exception {
        HttpSurface.exposesOnlyTheAgreedActuatorEndpoints(port);
        HttpSurface.errorsCarryNoStackTrace(port, "/api/users/alice/sessions/s/laps/not-a-number/frames");
        HttpSurface.errorsCarryNoStackTrace(port, "/api/users/alice/sessions/s/laps/99999999999/frames.csv");
        HttpSurface.errorsCarryNoStackTrace(port, "/api/users/" + "u".repeat(5_000) + "/sessions");
    }

    private void assertStored(List<TelemetryRecord> session) throws Exception {
        TelemetryRecord started = session.get(0);
        String user = started.getSessionStarted().getUserId();
        String sessionId = started.getSessionStarted().getSessionId();
        List<TelemetryFrame> frames = session.stream().filter(TelemetryRecord::hasFrame).map(TelemetryRecord::getFrame).toList();
        assertThat(framesOf(user, sessionId)).isEqualTo(frames.size());

        Map<String, Object> row = db.sql("""
                SELECT s.track, s.car, s.game, s.end_reason, s.frame_count, s.last_sequence
                FROM sessions s WHERE s.user_id = ? AND s.session_id = ?""")
                .params(user, sessionId).query().singleRow();
        assertThat(row).containsEntry("track", "purple_park").containsEntry("game", "DEMO")
                .containsEntry("end_reason", "FINISHED").containsEntry("frame_count", (long) frames.size())
                .containsEntry("last_sequence", (long) frames.size());

        List<LapCompleted> gameLaps = session.stream().filter(TelemetryRecord::hasLapCompleted)
                .map(TelemetryRecord::getLapCompleted).toList();
        List<Map<String, Object>> laps = lapsOf(user, sessionId);
        assertThat(laps).hasSameSizeAs(gameLaps);
        for (int i = 0; i < laps.size(); i++) {
            Map<String, Object> lap = laps.get(i);
            LapCompleted game = gameLaps.get(i);
            assertThat(lap).containsEntry("lap_number", game.getLapNumber())
                    .containsEntry("lap_time_ms", game.getLapTime())
                    .containsEntry("valid", game.getValid())
                    .containsEntry("time_source", "GAME")
                    .containsEntry("out_lap", i == 0)
                    .containsEntry("partial", false);
            assertThat(integers(lap.get("sector_times_ms"))).isEqualTo(
                    game.getSectorTimesCount() == 0 ? null : game.getSectorTimesList());
        }

        TelemetryFrame sample = frames.get(frames.size() / 2);
        Map<String, Object> stored = db.sql("""
                SELECT f.speed_kmh, f.rpm, f.engine_rpm, f.gear, f.world_x, f.lap_number, f.lap_valid,
                       f.tyre_pressure_rr AS rear_right_pressure, f.pit_state, extract(epoch FROM f.time) * 1000 AS millis
                FROM telemetry_frames f JOIN sessions s ON s.id = f.session_ref
                WHERE s.user_id = ? AND s.session_id = ? AND f.sequence = ?""")
                .params(user, sessionId, sample.getSequence()).query().singleRow();
        Wheels pressure = sample.getTyrePressure();
        assertThat(stored).containsEntry("speed_kmh", sample.getSpeed()).containsEntry("rpm", sample.getRpm())
                .containsEntry("engine_rpm", sample.getEngineRpm()).containsEntry("gear", sample.getGear())
                .containsEntry("world_x", sample.getWorldX()).containsEntry("lap_number", sample.getLapNumber())
                .containsEntry("lap_valid", sample.getLapValid())
                .containsEntry("rear_right_pressure", pressure.getRearRight())
                .containsEntry("pit_state", sample.getPitStateValue());
        assertThat(((Number) stored.get("millis")).longValue()).isEqualTo(sample.getTimestamp());
    }

    private long framesOf(List<String> users) {
        return db.sql("""
                SELECT count(*) FROM telemetry_frames f JOIN sessions s ON s.id = f.session_ref
                WHERE s.user_id = ANY(?)""").param(users.toArray(String[]::new)).query(Long.class).single();
    }

    private long framesOf(String user, String sessionId) {
        return db.sql("""
                SELECT count(*) FROM telemetry_frames f JOIN sessions s ON s.id = f.session_ref
                WHERE s.user_id = ? AND s.session_id = ?""").params(user, sessionId).query(Long.class).single();
    }

    private List<Map<String, Object>> lapsOf(String user, String sessionId) {
        return db.sql("""
                SELECT l.* FROM laps l JOIN sessions s ON s.id = l.session_ref
                WHERE s.user_id = ? AND s.session_id = ? ORDER BY l.lap_number""")
                .params(user, sessionId).query().listOfRows();
    }

    private static List<Integer> integers(Object array) throws SQLException {
        return array == null ? null : List.of((Integer[]) ((Array) array).getArray());
    }

    private HttpResponse<String> get(HttpClient http, String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static KafkaConsumer<String, byte[]> deadLetterConsumer() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of("ingest-it-dlt"));
        return consumer;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
