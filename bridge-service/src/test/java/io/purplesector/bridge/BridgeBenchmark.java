package io.purplesector.bridge;

import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.TelemetryRecordDeserializer;
import io.purplesector.telemetry.proto.kafka.TopicDefinition;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import reactor.core.Disposable;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The bridge under load, on this machine: a KRaft broker (in this JVM), collector-demo and the
 * bridge as processes of their own, and C WebSocket clients (Reactor Netty, in this JVM) spread
 * over S sessions at 60 Hz, one session per user. For each client count it prints delivered
 * messages per second, latency from the frame's timestamp to its arrival at the client (p50,
 * p99, max), frames the bridge dropped, the bridge's CPU and RSS, and how long it took until every
 * client had its CONNECTED. During each measurement it also measures the floor under all of that:
 * the same frames read straight from Kafka by one plain consumer.
 *
 * <pre>
 * ./mvnw -q -pl bridge-service -am package -DskipTests
 * ./mvnw -q -pl bridge-service exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.purplesector.bridge.BridgeBenchmark -Dexec.args="--sessions 50 --clients 1000,2500"
 * </pre>
 */
public final class BridgeBenchmark {

    private static final Pattern DROPPED = Pattern.compile("bridge_frames_dropped_total\\{reason=\"slow-client\"} (\\S+)");
    private static final long CLOCK_TICKS = 100;

    private final int sessions;
    private final List<Integer> clientCounts;
    private final int warmupSeconds;
    private final int seconds;
    private final Path root;
    private final List<String> collectorArguments;

    private BridgeBenchmark(Map<String, String> options) {
        this.sessions = Integer.parseInt(options.getOrDefault("sessions", "50"));
        this.clientCounts = Arrays.stream(options.getOrDefault("clients", "1000,2500").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        this.warmupSeconds = Integer.parseInt(options.getOrDefault("warmup", "10"));
        this.seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        this.root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        this.collectorArguments = options.getOrDefault("collector", "").isBlank() ? List.of()
                : List.of(options.get("collector").split(" "));
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

        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of("auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        String brokers = broker.getBrokersAsString();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            admin.createTopics(List.of(
                    new TopicDefinition("telemetry", 10, Duration.ofHours(1), Duration.ofMinutes(10)).newTopic((short) 1),
                    new TopicDefinition("commands", 3, Duration.ofHours(24), Duration.ofHours(1)).newTopic((short) 1)))
                    .all().get();
        }
        int port = freePort();
        String users = String.join(",", java.util.stream.IntStream.rangeClosed(1, sessions).mapToObj(i -> "bench" + i).toList());
        System.out.printf("Bridge benchmark: %d sessions at 60 Hz, client counts %s, %d s warm-up, %d s measured%n",
                sessions, clientCounts, warmupSeconds, seconds);
        System.out.printf("Machine: %d cores, %s %s; broker and clients in this JVM, bridge and collector in their own%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
        try (ServiceProcess bridge = ServiceProcess.start(bridgeJar, logs.resolve("bridge.log"), List.of("-Xmx512m"),
                "--spring.profiles.active=dev", "--spring.kafka.bootstrap-servers=" + brokers, "--server.port=" + port,
                "--logging.level.org.apache.kafka=warn");
                ServiceProcess collector = ServiceProcess.start(collectorJar, logs.resolve("collector.log"),
                        List.of("-Xmx256m"), java.util.stream.Stream.concat(java.util.stream.Stream.of(
                                "--spring.kafka.bootstrap-servers=" + brokers, "--server.port=0",
                                "--purplesector.demo.users=" + users), collectorArguments.stream())
                                .toArray(String[]::new))) {
            waitForHealth(port);
            Thread.sleep(8_000);
            System.out.println();
            System.out.println("| clients | delivered msg/s | p50 ms | p99 ms | max ms | dropped | bridge CPU (cores) | bridge RSS MB | connect all s | Kafka alone p50 / p99 ms |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (int clients : clientCounts) {
                System.out.println(step(bridge, port, clients, brokers).row(clients));
            }
        } finally {
            broker.destroy();
        }
    }

    private Result step(ServiceProcess bridge, int port, int clients, String brokers) throws Exception {
        Latencies latencies = new Latencies();
        LoopResources loops = LoopResources.create("bench-client", 2, true);
        ConnectionProvider connections = ConnectionProvider.newConnection();
        List<Disposable> sockets = new ArrayList<>();
        AtomicLong connected = new AtomicLong();
        long connectStart = System.nanoTime();
        reactor.netty.http.client.HttpClient http = reactor.netty.http.client.HttpClient.create(connections).runOn(loops);
        WebsocketClientSpec spec = WebsocketClientSpec.builder().maxFramePayloadLength(65536).build();
        for (int i = 0; i < clients; i++) {
            String user = "bench" + (i % sessions + 1);
            sockets.add(http.websocket(spec).uri("ws://localhost:" + port + "/?userId=" + user)
                    .handle((in, out) -> in.receive().asByteArray().doOnNext(bytes -> {
                        long timestamp = frameTimestamp(bytes);
                        if (timestamp > 0) {
                            latencies.record(System.currentTimeMillis() - timestamp);
                        } else if (timestamp == CONNECTED) {
                            connected.incrementAndGet();
                        }
                    }).then())
                    .subscribe());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (connected.get() < clients && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        Thread.sleep(warmupSeconds * 1000L);
        latencies.reset();
        double droppedBefore = dropped(port);
        long cpuBefore = cpuTicks(bridge.pid());
        long start = System.nanoTime();
        // The floor, at the same moment: the same frames read straight from Kafka.
        Result floor = kafkaFloor(brokers);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Result result = latencies.result(elapsed);
        result.floor = floor;
        result.cores = (cpuTicks(bridge.pid()) - cpuBefore) / (double) CLOCK_TICKS / elapsed;
        result.rssMb = rssKb(bridge.pid()) / 1024;
        result.dropped = (long) (dropped(port) - droppedBefore);
        result.connectSeconds = connected.get() < clients ? Double.NaN : connectSeconds;
        sockets.forEach(Disposable::dispose);
        loops.disposeLater().block();
        connections.disposeLater().block();
        Thread.sleep(3_000);
        return result;
    }

    private static final long CONNECTED = -1;

    /**
     * The timestamp of a TELEMETRY message, or {@link #CONNECTED} for CONNECTED, or 0, reading
     * only the fields needed (type = 1; telemetry = 2, its timestamp = 1): a thousand clients
     * decoding every frame in full would measure the clients rather than the bridge.
     */
    private static long frameTimestamp(byte[] bytes) {
        try {
            com.google.protobuf.CodedInputStream message = com.google.protobuf.CodedInputStream.newInstance(bytes);
            int type = 0;
            for (int tag = message.readTag(); tag != 0; tag = message.readTag()) {
                if (tag == (1 << 3)) {
                    type = message.readEnum();
                } else if (tag == (2 << 3 | 2) && type == MessageType.TELEMETRY_VALUE) {
                    com.google.protobuf.CodedInputStream frame = com.google.protobuf.CodedInputStream
                            .newInstance(message.readByteArray());
                    return frame.readTag() == (1 << 3) ? frame.readInt64() : 0;
                } else {
                    message.skipField(tag);
                }
            }
            return type == MessageType.CONNECTED_VALUE ? CONNECTED : 0;
        } catch (IOException e) {
            throw new IllegalStateException("The bridge sent an unreadable message", e);
        }
    }

    private Result kafkaFloor(String brokers) throws InterruptedException {
        Latencies latencies = new Latencies();
        try (KafkaConsumer<String, TelemetryRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new TelemetryRecordDeserializer())) {
            consumer.subscribe(Pattern.compile("telemetry-user-bench.*"));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (record.value() != null && record.value().hasFrame()) {
                        latencies.record(System.currentTimeMillis() - record.value().getFrame().getTimestamp());
                    }
                });
            }
            return latencies.result((System.nanoTime() - start) / 1e9);
        }
    }

    private static Path jar(Path target, String name) throws IOException {
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().startsWith(name) && p.toString().endsWith("-exec.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "No " + name + " jar in " + target + ": build first with ./mvnw -pl bridge-service -am package -DskipTests"));
        }
    }

    private static void waitForHealth(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
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

    private static double dropped(int port) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = DROPPED.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
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
        long p50;
        long p99;
        long max;
        long dropped;
        double cores;
        long rssMb;
        double connectSeconds;
        Result floor;

        String row(int clients) {
            return String.format("| %d | %.0f | %d | %d | %d | %d | %.2f | %d | %.1f | %d / %d |",
                    clients, rate, p50, p99, max, dropped, cores, rssMb, connectSeconds, floor.p50, floor.p99);
        }
    }
}
