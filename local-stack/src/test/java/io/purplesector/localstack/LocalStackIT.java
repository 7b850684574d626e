package io.purplesector.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a person runs it, on ports of its own: it refuses a taken port with a clear
 * message, brings up the suite with a live dashboard and laps in the database (collector-acc
 * against the simulator beside the demo, with {@code PS_ACC=simulator}), stops leaving no process
 * behind, and keeps the sessions across a restart.
 */
class LocalStackIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * The long-running services, whose every line is a log line (the broker and the database log
     * their own way; kafka-setup's report is a table for people, whatever the log format).
     */
    private static final List<String> SERVICES = List.of("db-consumer-service", "bridge-service", "collector-demo",
            "collector-acc");

    @TempDir
    Path home;

    @Test
    void aTakenPortIsRefusedWithAMessageThatNamesItAndTheVariable() throws Exception {
        LaunchedStack launched = stack();
        try (ServerSocket taken = new ServerSocket(launched.port("WS_PORT"))) {
            Process stack = launched.start(home.resolve("refused.log"));
            assertThat(stack.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(stack.exitValue()).isEqualTo(1);
            assertThat(Files.readString(home.resolve("refused.log"))).contains("Port " + taken.getLocalPort()
                    + " (bridge-service (dashboard)) is in use", "WS_PORT=<port>");
        }
    }

    @Test
    void theSuiteComesUpLapsIntoTheDatabaseStopsCleanlyAndKeepsItsSessions() throws Exception {
        LaunchedStack launched = stack();
        int bridge = launched.port("WS_PORT");
        int api = launched.port("DB_CONSUMER_HTTP_PORT");

        List<Long> firstLife = new ArrayList<>();
        String firstSession;
        Process stack = launched.startAndAwaitRunning(home.resolve("first.log"));
        try {
            assertThat(get("http://localhost:" + bridge + "/dashboard/").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofMinutes(3)).until(() -> lapsStored(api));
            // PS_ACC=simulator: collector-acc against the simulated game, its frames stored too.
            await().atMost(Duration.ofMinutes(2)).until(() -> accFramesStored(api));
            firstSession = sessionIds(api).get(0);
            firstLife.addAll(launched.pids());
            firstLife.add(stack.pid());
        } finally {
            launched.stop();
        }
        assertThat(stack.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(firstLife).hasSizeGreaterThanOrEqualTo(8);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(firstLife.stream()
                .flatMap(pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).stream())
                .map(process -> process.pid() + " " + process.info().commandLine().orElse("?")))
                .as("processes left after stop").isEmpty());

        // The second life logs JSON lines, as an operator shipping logs would set it.
        Map<String, Long> firstLifeLogs = new HashMap<>();
        for (String service : SERVICES) {
            firstLifeLogs.put(service, Files.size(launched.log(service)));
        }
        LaunchedStack json = launched.with("LOG_FORMAT", "json");
        Process again = json.startAndAwaitRunning(home.resolve("second.log"));
        try {
            assertThat(sessionIds(api)).contains(firstSession);
        } finally {
            json.stop();
        }
        assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
        for (String service : SERVICES) {
            assertThat(secondLifeLines(launched.log(service), firstLifeLogs.get(service))).as("%s's log lines", service)
                    .isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{\"@timestamp\":").endsWith("}")
                            .contains("\"service\":{\"name\":\"" + service + "\""));
        }
    }

    /** What a service logged after {@code offset}, without the JVM's own warnings (printed before logging starts). */
    private static List<String> secondLifeLines(Path log, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        return new String(bytes, (int) offset, bytes.length - (int) offset, StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("WARNING: ")).toList();
    }

    /** A demo twenty times faster than live so laps come soon, and collector-acc against the simulator. */
    private LaunchedStack stack() throws IOException {
        return LaunchedStack.in(home, Map.of("PURPLESECTOR_DEMO_TIMESCALE", "20", "PS_ACC", "simulator"));
    }

    private static boolean lapsStored(int api) throws Exception {
        Matcher laps = Pattern.compile("\"laps\":(\\d+)").matcher(get("http://localhost:" + api + "/api/users/demo/sessions").body());
        return laps.find() && Integer.parseInt(laps.group(1)) >= 1;
    }

    private static boolean accFramesStored(int api) throws Exception {
        Matcher frames = Pattern.compile("\"sessionId\":\"acc-\\d+\"[^}]*\"frames\":(\\d+)").matcher(
                get("http://localhost:" + api + "/api/users/acc/sessions").body());
        return frames.find() && Long.parseLong(frames.group(1)) > 100;
    }

    private static List<String> sessionIds(int api) throws Exception {
        Matcher ids = Pattern.compile("\"sessionId\":\"([^\"]+)\"").matcher(get("http://localhost:" + api
                + "/api/users/demo/sessions").body());
        List<String> found = new ArrayList<>();
        while (ids.find()) {
            found.add(ids.group(1));
        }
        return found;
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
