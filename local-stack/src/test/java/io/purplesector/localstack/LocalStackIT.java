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
import java.nio.file.DirectoryStream;
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

    private static final Path REPOSITORY = Path.of(System.getProperty("repository", "..")).toAbsolutePath().normalize();
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
        Map<String, String> environment = environment();
        try (ServerSocket taken = new ServerSocket(Integer.parseInt(environment.get("WS_PORT")))) {
            Process stack = launcher(environment, "start", home.resolve("refused.log"));
            assertThat(stack.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(stack.exitValue()).isEqualTo(1);
            assertThat(Files.readString(home.resolve("refused.log"))).contains("Port " + taken.getLocalPort()
                    + " (bridge-service (dashboard)) is in use", "WS_PORT=<port>");
        }
    }

    @Test
    void theSuiteComesUpLapsIntoTheDatabaseStopsCleanlyAndKeepsItsSessions() throws Exception {
        Map<String, String> environment = environment();
        int bridge = Integer.parseInt(environment.get("WS_PORT"));
        int api = Integer.parseInt(environment.get("DB_CONSUMER_HTTP_PORT"));

        List<Long> firstLife = new ArrayList<>();
        String firstSession;
        Process stack = launcher(environment, "start", home.resolve("first.log"));
        try {
            awaitRunning(stack, home.resolve("first.log"));
            assertThat(get("http://localhost:" + bridge + "/dashboard/").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofMinutes(3)).until(() -> lapsStored(api));
            // PS_ACC=simulator: collector-acc against the simulated game, its frames stored too.
            await().atMost(Duration.ofMinutes(2)).until(() -> accFramesStored(api));
            firstSession = sessionIds(api).get(0);
            firstLife.addAll(pids());
            firstLife.add(stack.pid());
        } finally {
            stop(environment);
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
            firstLifeLogs.put(service, Files.size(serviceLog(service)));
        }
        Map<String, String> json = new HashMap<>(environment);
        json.put("LOG_FORMAT", "json");
        Process again = launcher(json, "start", home.resolve("second.log"));
        try {
            awaitRunning(again, home.resolve("second.log"));
            assertThat(sessionIds(api)).contains(firstSession);
        } finally {
            stop(json);
        }
        assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
        for (String service : SERVICES) {
            assertThat(secondLifeLines(service, firstLifeLogs.get(service))).as("%s's log lines", service)
                    .isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{\"@timestamp\":").endsWith("}")
                            .contains("\"service\":{\"name\":\"" + service + "\""));
        }
    }

    private Path serviceLog(String service) {
        return home.resolve("logs").resolve(service + ".log");
    }

    /** What a service logged after {@code offset}, without the JVM's own warnings (printed before logging starts). */
    private List<String> secondLifeLines(String service, long offset) throws IOException {
        byte[] log = Files.readAllBytes(serviceLog(service));
        return new String(log, (int) offset, log.length - (int) offset, StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("WARNING: ")).toList();
    }

    /**
     * Free ports of the test's own, a demo twenty times faster than live so laps come soon, and
     * collector-acc against the simulator.
     */
    private Map<String, String> environment() throws IOException {
        return Map.ofEntries(Map.entry("PS_HOME", home.toString()),
                Map.entry("PS_KAFKA_PORT", freePort()), Map.entry("PS_KAFKA_CONTROLLER_PORT", freePort()),
                Map.entry("PS_POSTGRES_PORT", freePort()), Map.entry("WS_PORT", freePort()),
                Map.entry("DB_CONSUMER_HTTP_PORT", freePort()), Map.entry("DEMO_HTTP_PORT", freePort()),
                Map.entry("PURPLESECTOR_DEMO_TIMESCALE", "20"), Map.entry("PS_ACC", "simulator"),
                Map.entry("ACC_HTTP_PORT", freePort()), Map.entry("ACC_UDP_PORT", freePort()));
    }

    /** The README's first command (the build is already done, so it only starts). */
    private static Process launcher(Map<String, String> environment, String command, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", REPOSITORY.resolve("local-stack.sh").toString(), command)
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        // The JDK that runs the tests runs the stack.
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        return builder.start();
    }

    private void stop(Map<String, String> environment) throws Exception {
        Process stop = launcher(environment, "stop", home.resolve("stop.log"));
        assertThat(stop.waitFor(180, TimeUnit.SECONDS)).isTrue();
    }

    private static void awaitRunning(Process stack, Path output) {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertThat(stack.isAlive()).as("the launcher is running; its output: %s", Files.readString(output)).isTrue();
            return Files.readString(output).contains("Purple Sector is running");
        });
    }

    private List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(home.resolve("run"), "*.pid")) {
            for (Path file : files) {
                pids.add(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim()));
            }
        }
        pids.add(Long.parseLong(Files.readAllLines(home.resolve("data/postgres/postmaster.pid")).get(0).trim()));
        return pids.stream().distinct().toList();
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

    private static String freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        }
    }
}
