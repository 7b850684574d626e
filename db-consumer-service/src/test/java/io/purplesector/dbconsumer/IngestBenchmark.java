package io.purplesector.dbconsumer;

import io.purplesector.carmodel.demo.DemoSession;
import io.purplesector.carmodel.drive.Car;
import io.purplesector.carmodel.track.Circuits;
import io.purplesector.dbconsumer.frame.Channel;
import io.purplesector.dbconsumer.frame.FrameFields;
import io.purplesector.dbconsumer.store.FrameCopier;
import io.purplesector.dbconsumer.store.FrameRows;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.ProtobufSerializer;
import io.purplesector.telemetry.proto.kafka.TelemetryRecords;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.ServiceProcess;
import io.purplesector.testsupport.TestDatabase;
import io.purplesector.testsupport.TestKafka;
import io.purplesector.testsupport.TestPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Ingest throughput, measured, not asserted: N demo frames go through Kafka into PostgreSQL by the
 * service (its jar, as a process with a 256 MB heap), and the same rows, in the same run, by (a)
 * the naive way (JDBC batches of 100 inserts, one commit each) and (b) raw binary COPY with no
 * Kafka at all, the fastest this machine's PostgreSQL takes them. Broker (in this JVM) and
 * database (embedded) run on the same machine, as they would on a single box.
 *
 * <p>Run it with {@code ./mvnw -q -pl db-consumer-service -am install -DskipTests} then
 * {@code ./mvnw -q -pl db-consumer-service exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.purplesector.dbconsumer.IngestBenchmark -Dexec.args="--frames 1000000"}.
 */
public final class IngestBenchmark {

    private static final Logger log = LoggerFactory.getLogger(IngestBenchmark.class);

    private static final int SESSIONS = 10;
    private static final int COPY_BATCH = 5000;
    private static final int NAIVE_BATCH = 100;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int frames = 1_000_000;
        List<Integer> batches = List.of(5000);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--frames" -> frames = Integer.parseInt(args[i + 1]);
                case "--batch" -> batches = Stream.of(args[i + 1].split(",")).map(Integer::valueOf).toList();
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        if (System.getProperty("db-consumer.jar") == null) {
            // Run from the repository or from the module: the jar that package built.
            Path module = Files.isDirectory(Path.of("db-consumer-service")) ? Path.of("db-consumer-service") : Path.of(".");
            System.setProperty("db-consumer.jar", module.resolve("target/db-consumer-service-0.1.0-SNAPSHOT-exec.jar").toString());
        }
        report("Ingest benchmark: %,d frames of %d demo sessions, %d cores, service batches %s%n",
                frames, SESSIONS, Runtime.getRuntime().availableProcessors(), batches);

        // Generated once, before any clock starts: every contender stores the same rows.
        List<TelemetryRecord> records = new ArrayList<>();
        generate(frames, records::add);
        List<TelemetryFrame> rows = records.stream().filter(TelemetryRecord::hasFrame).map(TelemetryRecord::getFrame).toList();

        double copyRate = rowsPerSecond("raw binary COPY, no Kafka", rows, IngestBenchmark::copyAll);
        double naiveRate = rowsPerSecond("naive JDBC, 100 inserts per commit", rows, IngestBenchmark::insertNaively);
        publish(records, frames);
        for (int batch : batches) {
            ServiceRun service = runService(frames, batch);
            report("service, batches of %d: %,.0f frames/s sustained, peak heap %.0f MB (-Xmx256m)"
                    + "; %.2fx naive JDBC, %.2fx raw binary COPY%n", batch, service.rate(),
                    service.peakHeapBytes() / 1e6, service.rate() / naiveRate, service.rate() / copyRate);
        }
        System.exit(0);
    }

    /** The benchmark's frames, in session order, as a collector would have produced them. */
    private static void generate(int frames, Consumer<TelemetryRecord> sink) {
        int perSession = frames / SESSIONS;
        for (int s = 0; s < SESSIONS; s++) {
            AtomicLong now = new AtomicLong(1_790_000_000_000L + s * 10_000_000L);
            DemoSession session = new DemoSession(new DemoSession.Settings("bench-" + s, "bench" + s, s, 50, 0),
                    Circuits.PURPLE_PARK, Car.PURPLE_GT3, now::get);
            int produced = 0;
            while (produced < perSession) {
                now.addAndGet(20);
                for (TelemetryRecord record : session.advance()) {
                    if (!record.hasFrame() || produced < perSession) {
                        sink.accept(record.hasFrame() ? withEveryChannel(record) : record);
                        produced += record.hasFrame() ? 1 : 0;
                    }
                }
            }
        }
    }

    /**
     * The demo frame with Assetto Corsa's tyre and chassis detail as well (values from its own
     * per-wheel sets): every column of the table holds a value, the widest row the service stores.
     */
    private static TelemetryRecord withEveryChannel(TelemetryRecord record) {
        TelemetryFrame f = record.getFrame();
        return record.toBuilder().setFrame(f.toBuilder().setSlipAngle(f.getWheelSlip())
                .setSlipAngleContactPatch(f.getWheelSlip()).setSlipRatio(f.getWheelSlip())
                .setNormalizedSlip(f.getWheelSlip()).setTyreLateralGrip(f.getTyrePressure())
                .setSelfAligningTorque(f.getTyreLoad()).setTyreDirt(f.getWheelSlip()).setCamber(f.getWheelSlip())
                .setTyreRadius(f.getSuspensionTravel()).setTyreLoadedRadius(f.getSuspensionTravel())
                .setCgHeight(0.38f).setCarSlope(f.getGLongitudinal() / 100)).build();
    }

    private interface Load {
        void into(DataSource dataSource, List<TelemetryFrame> frames) throws Exception;
    }

    private static double rowsPerSecond(String name, List<TelemetryFrame> frames, Load load) throws Exception {
        TestDatabase database = migratedDatabase();
        DataSource dataSource = database.dataSource();
        long start = System.nanoTime();
        load.into(dataSource, frames);
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = frames.size() / seconds;
        report("%-40s %,10.0f rows/s (%.1f s)%n", name, rate, seconds);
        return rate;
    }

    private static void copyAll(DataSource dataSource, List<TelemetryFrame> frames) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            long sessionRef = newSession(connection);
            // The service's own encoder, one COPY (and commit) per batch, on one connection.
            FrameCopier copier = new FrameCopier(new SingleConnectionDataSource(connection, true));
            for (int from = 0; from < frames.size(); from += COPY_BATCH) {
                List<TelemetryFrame> batch = frames.subList(from, Math.min(frames.size(), from + COPY_BATCH));
                long firstSequence = from + 1L;
                FrameFields fields = new FrameFields();
                copier.copy(copy -> {
                    for (int i = 0; i < batch.size(); i++) {
                        copy.add(sessionRef, firstSequence + i, fields.copyOf(batch.get(i)));
                    }
                    return copy.frames();
                });
            }
        }
    }

    private static void insertNaively(DataSource dataSource, List<TelemetryFrame> frames) throws Exception {
        String sql = "INSERT INTO telemetry_frames (" + String.join(", ", FrameRows.COLUMNS) + ") VALUES ("
                + String.join(", ", Collections.nCopies(FrameRows.COLUMNS.size(), "?")) + ")";
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(sql)) {
            connection.setAutoCommit(false);
            long sessionRef = newSession(connection);
            long sequence = 0;
            for (TelemetryFrame frame : frames) {
                bind(insert, sessionRef, ++sequence, frame);
                insert.addBatch();
                if (sequence % NAIVE_BATCH == 0) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    /** The columns in {@link FrameRows#COLUMNS} order, one parameter each, from the channel table. */
    private static void bind(PreparedStatement insert, long sessionRef, long sequence, TelemetryFrame f)
            throws Exception {
        FrameFields frame = new FrameFields().copyOf(f);
        List<Object> values = new ArrayList<>(List.of(sessionRef, sequence));
        for (Channel channel : Channel.all()) {
            for (int column = 0; column < channel.columns().size(); column++) {
                values.add(frame.has(channel) ? switch (channel.kind()) {
                    case TIME -> new Timestamp(frame.getLong(channel));
                    case FLOAT4 -> frame.getFloat(channel);
                    case INT4, ENUM -> frame.getInt(channel);
                    case BOOL -> frame.getBoolean(channel);
                    case WHEELS -> frame.getWheel(channel, column);
                } : null);
            }
        }
        for (int i = 0; i < values.size(); i++) {
            insert.setObject(i + 1, values.get(i));
        }
    }

    private static long newSession(Connection connection) throws Exception {
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery("INSERT INTO sessions (user_id, session_id, started_at, last_seen_at) "
                        + "VALUES ('bench', 'baseline', now(), now()) RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static TestDatabase migratedDatabase() {
        TestDatabase database = TestPostgres.createDatabase();
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").load().migrate();
        return database;
    }

    private record ServiceRun(double rate, long peakHeapBytes) {
    }

    private static void publish(List<TelemetryRecord> records, int frames) {
        List<String> users = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            users.add("bench" + s);
        }
        DemoData.createUserTopics(users);
        long start = System.nanoTime();
        try (KafkaProducer<String, TelemetryRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ProtobufSerializer<>())) {
            records.forEach(record -> producer.send(TelemetryRecords.producerRecord(Topics.TELEMETRY, "bench", record)));
        }
        report("published %,d frames to Kafka in %.1f s%n", frames, (System.nanoTime() - start) / 1e9);
    }

    /** The service's jar into a database of its own, as a consumer group of its own: from the first record. */
    private static ServiceRun runService(int frames, int batch) throws Exception {

        TestDatabase database = TestPostgres.createDatabase();
        Path logs = Files.createDirectories(Path.of("target", "benchmark"));
        int port = freePort();
        try (ServiceProcess service = ServiceProcess.start(ServiceProcess.jarFromProperty("db-consumer.jar"),
                logs.resolve("db-consumer-" + batch + ".log"), List.of("-Xmx256m"),
                "--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--purplesector.db-consumer.topic-pattern=telemetry-user-bench.*",
                "--purplesector.db-consumer.group=bench-" + batch, "--purplesector.db-consumer.batch.max-frames=" + batch,
                "--server.port=" + port)) {
            HttpClient http = HttpClient.newHttpClient();
            long peakHeap = 0;
            long first = 0;
            long firstAt = 0;
            long written = 0;
            while (written < frames) {
                Thread.sleep(100);
                Double value = metric(http, port, "telemetry.frames.written", "");
                Double heap = metric(http, port, "jvm.memory.used", "?tag=area:heap");
                peakHeap = Math.max(peakHeap, heap == null ? 0 : heap.longValue());
                written = value == null ? 0 : value.longValue();
                if (firstAt == 0 && written > 0) {
                    first = written;
                    firstAt = System.nanoTime();
                }
                if (!service.isAlive()) {
                    throw new IllegalStateException("The service died; see its log in " + logs);
                }
            }
            double seconds = (System.nanoTime() - firstAt) / 1e9;
            return new ServiceRun((written - first) / seconds, peakHeap);
        }
    }

    private static @Nullable Double metric(HttpClient http, int port, String name, String query) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/metrics/" + name + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher value = Pattern.compile("\"value\":([0-9.E+-]+)").matcher(response.body());
            return response.statusCode() == 200 && value.find() ? Double.valueOf(value.group(1)) : null;
        } catch (Exception notUpYet) {
            return null;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A measured figure, to the log (the console when run on demand). */
    private static void report(String format, Object... values) {
        log.info(String.format(Locale.ROOT, format, values).strip());
    }
}
