package io.purplesector.bridge;

import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.TelemetryRecordDeserializer;
import io.purplesector.telemetry.proto.kafka.TopicDefinition;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.ServiceProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge under load, on this machine: a KRaft broker (local-kafka), collector-demo and the
 * bridge as processes of their own, and C WebSocket clients ({@link BenchmarkClients}) in this
 * JVM, spread over S sessions at 60 Hz, one session per user. For each client count it prints
 * delivered messages per second, the frames per second the bridge read from Kafka, latency from
 * the frame's timestamp to its arrival at the client (p50, p99, max), frames the bridge dropped,
 * the bridge's CPU and RSS, and how long it took until every client had its CONNECTED (when not
 * all had it within 60 s: how many had, how many were lost), and the longest the bridge took to
 * answer a scrape of its metrics around the measured window.
 * Right after each measurement, under the same load, it measures the floor under all of that: the
 * same frames read straight from Kafka by one plain consumer.
 *
 * <pre>
 * ./mvnw -q -pl bridge-service -am install -DskipTests
 * ./mvnw -q -pl bridge-service exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.purplesector.bridge.BridgeBenchmark -Dexec.args="--sessions 50 --clients 1000,2500"
 * </pre>
 *
 * <p>{@code --root DIR} takes the bridge, collector and broker jars from another built tree of the
 * repository (a worktree of an earlier commit), to compare two builds in the same hour.
 */
public final class BridgeBenchmark {

    private static final Logger log = LoggerFactory.getLogger(BridgeBenchmark.class);

    private static final Pattern DROPPED = Pattern.compile("bridge_frames_dropped_total\\{reason=\"slow-client\"} (\\S+)");
    private static final Pattern RECEIVED = Pattern.compile("(?m)^bridge_records_received_total(?:\\{[^}]*})? (\\S+)");
    private static final long CLOCK_TICKS = 100;
    private static final Duration FLOOR_WARMUP = Duration.ofSeconds(5);
    /** One client for every request to the bridge: each new one starts a thread in the measuring JVM. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int sessions;
    private final List<Integer> clientCounts;
    private final int warmupSeconds;
    /**
     * How long the rig runs before the first step: four JVMs compiling their hot code on two
     * cores keep the JIT busy for over a minute, and a step measured meanwhile measures the JIT.
     */
    private final int settleSeconds;
    private final int seconds;
    private final Path root;
    private final List<String> collectorArguments;
    private final List<String> bridgeJvmOptions;
    private final List<String> collectorJvmOptions;
    private final List<String> brokerJvmOptions;
    /** The other processes on the machine, whose CPU is reported beside the bridge's. */
    private final Map<String, Long> others = new java.util.LinkedHashMap<>();

    private BridgeBenchmark(Map<String, String> options) {
        this.sessions = Integer.parseInt(options.getOrDefault("sessions", "50"));
        this.clientCounts = Arrays.stream(options.getOrDefault("clients", "1000,2500").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        this.warmupSeconds = Integer.parseInt(options.getOrDefault("warmup", "10"));
        this.settleSeconds = Integer.parseInt(options.getOrDefault("settle", "60"));
        this.seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        this.root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        this.collectorArguments = words(options.get("collector"));
        this.bridgeJvmOptions = words(options.get("bridge-jvm"));
        this.collectorJvmOptions = words(options.get("collector-jvm"));
        this.brokerJvmOptions = words(options.get("broker-jvm"));
    }

    /** A process's JVM options: its heap, then what {@code --bridge-jvm} and the like add. */
    private static List<String> withHeap(String heap, List<String> options) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(heap), options.stream()).toList();
    }

    private static List<String> words(String option) {
        return option == null || option.isBlank() ? List.of() : List.of(option.trim().split(" +"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new BridgeBenchmark(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path repository = Files.isDirectory(root.resolve("bridge-service")) ? root : root.getParent();
        Path bridgeJar = jar(repository.resolve("bridge-service/target"), "bridge-service");
        Path collectorJar = jar(repository.resolve("collector-demo/target"), "collector-demo");
        Path logs = Files.createDirectories(repository.resolve("bridge-service/target/benchmark"));

        // The broker in a process of its own, as in production: its threads and heap compete
        // with the bridge for the cores, but never pause the clients that measure.
        int kafkaPort = freePort();
        ServiceProcess broker = ServiceProcess.start(jar(repository.resolve("local-kafka/target"), "local-kafka", "-SNAPSHOT.jar"),
                logs.resolve("broker.log"), withHeap("-Xmx1g", brokerJvmOptions), Files.createTempDirectory("bench-kafka").toString(),
                String.valueOf(kafkaPort), String.valueOf(freePort()));
        String brokers = "localhost:" + kafkaPort;
        waitForBroker(brokers);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            admin.createTopics(List.of(
                    new TopicDefinition(Topics.TELEMETRY, 10, Duration.ofHours(1), Duration.ofMinutes(10)).newTopic((short) 1),
                    new TopicDefinition(Topics.COMMANDS, 3, Duration.ofHours(24), Duration.ofHours(1)).newTopic((short) 1)))
                    .all().get();
        }
        int port = freePort();
        String users = String.join(",", java.util.stream.IntStream.rangeClosed(1, sessions).mapToObj(i -> "bench" + i).toList());
        report("Bridge benchmark: %d sessions at 60 Hz, client counts %s, %d s to settle, then per step "
                + "%d s warm-up and %d s measured%n", sessions, clientCounts, settleSeconds, warmupSeconds, seconds);
        report("Machine: %d cores, %s %s; clients in this JVM, broker, bridge and collector in processes of their own%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
        try (ServiceProcess bridge = ServiceProcess.start(bridgeJar, logs.resolve("bridge.log"),
                withHeap("-Xmx512m", bridgeJvmOptions),
                "--spring.profiles.active=dev", "--spring.kafka.bootstrap-servers=" + brokers, "--server.port=" + port,
                // Thousands of clients from one address, dozens a user: the limits of a public server do not apply.
                "--purplesector.bridge.limits.connections-per-address=1000000",
                "--purplesector.bridge.limits.connections-per-user=1000000",
                "--logging.level.org.apache.kafka=warn");
                ServiceProcess collector = ServiceProcess.start(collectorJar, logs.resolve("collector.log"),
                        withHeap("-Xmx256m", collectorJvmOptions),
                        java.util.stream.Stream.concat(java.util.stream.Stream.of(
                                "--spring.kafka.bootstrap-servers=" + brokers, "--server.port=0",
                                "--purplesector.demo.users=" + users), collectorArguments.stream())
                                .toArray(String[]::new))) {
            others.put("clients", ProcessHandle.current().pid());
            others.put("collector", collector.pid());
            others.put("broker", broker.pid());
            waitForHealth(port);
            Thread.sleep(settleSeconds * 1000L);
            report("");
            report("%s", "| clients | delivered msg/s | frames/s read | p50 ms | p99 ms | max ms | dropped | bridge CPU (cores) | bridge RSS MB | connect all s | metrics scrape s | Kafka alone p50 / p99 ms | CPU of clients / collector / broker (cores) |");
            report("%s", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (int clients : clientCounts) {
                report("%s", step(bridge, port, clients, brokers).row(clients));
            }
        } finally {
            broker.close();
        }
    }

    private static void waitForBroker(String brokers) throws InterruptedException {
        for (int attempt = 0; attempt < 60; attempt++) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers, "default.api.timeout.ms", 2000, "request.timeout.ms", 1000))) {
                admin.describeCluster().nodes().get();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                Thread.sleep(1000);
            }
        }
        throw new IllegalStateException("The broker did not start within 60 s");
    }

    private Result step(ServiceProcess bridge, int port, int clients, String brokers) throws Exception {
        Latencies latencies = new Latencies();
        AtomicLong connected = new AtomicLong();
        AtomicLong lost = new AtomicLong();
        long connectStart = System.nanoTime();
        BenchmarkClients sockets = new BenchmarkClients(
                timestamp -> latencies.record(System.currentTimeMillis() - timestamp), connected::incrementAndGet,
                lost::incrementAndGet);
        for (int i = 0; i < clients; i++) {
            sockets.connect(URI.create("ws://localhost:" + port + "/?userId=bench" + (i % sessions + 1)));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (connected.get() + lost.get() < clients && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        // Counted now: late handshakes go on completing during the warm-up.
        long connectedInTime = connected.get();
        long lostInTime = lost.get();
        Thread.sleep(warmupSeconds * 1000L);
        // Scraped before the clients' window opens and after it closes: under a flood of writes
        // a scrape can take seconds, which must not count in the clients' window; the bridge's
        // counters are rated over the time between their own readings instead.
        Scrape metricsBefore = Scrape.of(port);
        long cpuBefore = cpuTicks(bridge.pid());
        Map<String, Long> othersBefore = new java.util.HashMap<>();
        for (Map.Entry<String, Long> other : others.entrySet()) {
            othersBefore.put(other.getKey(), cpuTicks(other.getValue()));
        }
        latencies.reset();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Result result = latencies.result(elapsed);
        result.cores = (cpuTicks(bridge.pid()) - cpuBefore) / (double) CLOCK_TICKS / elapsed;
        result.rssMb = rssKb(bridge.pid()) / 1024;
        for (Map.Entry<String, Long> other : others.entrySet()) {
            result.others.add(String.format("%.2f", (cpuTicks(other.getValue()) - othersBefore.get(other.getKey()))
                    / (double) CLOCK_TICKS / elapsed));
        }
        Scrape metricsAfter = Scrape.of(port);
        result.dropped = (long) (metricsAfter.counter(DROPPED) - metricsBefore.counter(DROPPED));
        result.framesRead = (metricsAfter.counter(RECEIVED) - metricsBefore.counter(RECEIVED))
                / metricsAfter.secondsSince(metricsBefore);
        result.scrapeSeconds = Math.max(metricsBefore.seconds(), metricsAfter.seconds());
        result.connected = connectedInTime;
        result.lost = lostInTime;
        result.connectSeconds = connectSeconds;
        // The floor, right after and under the same load (the clients still receiving): the same
        // frames read straight from Kafka. Not during the bridge's window, where its own quarter
        // of a core (and its JIT in the first step) would be taken from the bridge.
        result.floor = kafkaFloor(brokers);
        sockets.close();
        Thread.sleep(3_000);
        return result;
    }

    private Result kafkaFloor(String brokers) throws Exception {
        Latencies latencies = new Latencies();
        try (KafkaConsumer<String, TelemetryRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                // Fetched as the bridge fetches: the floor must not cost the broker more than what it measures.
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 8192,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5), new StringDeserializer(), new TelemetryRecordDeserializer());
                Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            // Assigned, not subscribed: no group, so no rebalance replaying older frames mid-measurement.
            List<String> topics = admin.listTopics().names().get().stream()
                    .filter(topic -> topic.startsWith(Topics.userTopic("bench"))).toList();
            List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(topics).allTopicNames().get().values().forEach(topic -> topic.partitions()
                    .forEach(partition -> partitions.add(new org.apache.kafka.common.TopicPartition(topic.name(),
                            partition.partition()))));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            // A new consumer's first seconds are its own start (connections, fetch sessions, and in
            // the first step class loading and the JIT), not Kafka's latency.
            consumeFor(consumer, latencies, FLOOR_WARMUP);
            latencies.reset();
            long start = System.nanoTime();
            consumeFor(consumer, latencies, Duration.ofSeconds(seconds));
            return latencies.result((System.nanoTime() - start) / 1e9);
        }
    }

    private static void consumeFor(KafkaConsumer<String, TelemetryRecord> consumer, Latencies latencies,
            Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                if (record.value() != null && record.value().hasFrame()) {
                    latencies.record(System.currentTimeMillis() - record.value().getFrame().getTimestamp());
                }
            });
        }
    }

    private static Path jar(Path target, String name) throws IOException {
        return jar(target, name, "-exec.jar");
    }

    private static Path jar(Path target, String name, String suffix) throws IOException {
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().startsWith(name) && p.toString().endsWith(suffix))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "No " + name + " jar in " + target + ": build first with ./mvnw -pl bridge-service -am package -DskipTests"));
        }
    }

    private static void waitForHealth(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // The bridge is still starting.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The bridge did not become healthy within 90 s");
    }

    /**
     * The bridge's metrics as its Prometheus endpoint showed them, taken as read halfway between
     * request and response: the bridge reads its counters at some moment in between.
     */
    private record Scrape(String text, long sentNanos, long receivedNanos) {

        static Scrape of(int port) throws Exception {
            long sent = System.nanoTime();
            String text = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return new Scrape(text, sent, System.nanoTime());
        }

        /** A counter's value in the scrape; 0 before it first counts. */
        double counter(Pattern counter) {
            Matcher matcher = counter.matcher(text);
            return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
        }

        double seconds() {
            return (receivedNanos - sentNanos) / 1e9;
        }

        double secondsSince(Scrape earlier) {
            return ((sentNanos + receivedNanos) - (earlier.sentNanos + earlier.receivedNanos)) / 2e9;
        }
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long rssKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(-1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Latencies in whole milliseconds, 0 to 60 s, from any number of threads. */
    private static final class Latencies {
        private final AtomicLongArray counts = new AtomicLongArray(60_001);
        private final AtomicLong total = new AtomicLong();

        void record(long millis) {
            counts.incrementAndGet((int) Math.max(0, Math.min(60_000, millis)));
            total.incrementAndGet();
        }

        void reset() {
            for (int i = 0; i < counts.length(); i++) {
                counts.set(i, 0);
            }
            total.set(0);
        }

        Result result(double seconds) {
            long n = total.get();
            Result result = new Result();
            result.rate = n / seconds;
            result.p50 = percentile(n, 0.50);
            result.p99 = percentile(n, 0.99);
            for (int i = counts.length() - 1; i >= 0; i--) {
                if (counts.get(i) > 0) {
                    result.max = i;
                    break;
                }
            }
            return result;
        }

        private long percentile(long n, double fraction) {
            long rank = (long) Math.ceil(n * fraction);
            long seen = 0;
            for (int i = 0; i < counts.length(); i++) {
                seen += counts.get(i);
                if (seen >= rank && rank > 0) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static final class Result {
        double rate;
        double framesRead;
        long p50;
        long p99;
        long max;
        long dropped;
        double cores;
        long rssMb;
        double connectSeconds;
        double scrapeSeconds;
        long connected;
        long lost;
        Result floor;

        final List<String> others = new ArrayList<>();

        String row(int clients) {
            String connect = connected < clients
                    ? String.format("%d after %.0f, %d lost", connected, connectSeconds, lost)
                    : String.format("%.1f", connectSeconds);
            return String.format("| %d | %.0f | %.0f | %d | %d | %d | %d | %.2f | %d | %s | %.1f | %d / %d | %s |",
                    clients, rate, framesRead, p50, p99, max, dropped, cores, rssMb, connect, scrapeSeconds,
                    floor.p50, floor.p99, String.join(" / ", others));
        }
    }

    /** A measured figure, to the log (the console when run on demand). */
    private static void report(String format, Object... values) {
        log.info(String.format(Locale.ROOT, format, values).strip());
    }
}
