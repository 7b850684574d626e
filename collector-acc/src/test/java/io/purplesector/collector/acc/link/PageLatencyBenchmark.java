package io.purplesector.collector.acc.link;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.purplesector.collector.acc.command.PendingCommands;
import io.purplesector.collector.acc.session.AccSessions;
import io.purplesector.collector.acc.sharedmemory.GraphicsPage;
import io.purplesector.collector.acc.sharedmemory.MappedFiles;
import io.purplesector.collector.acc.sharedmemory.Page;
import io.purplesector.collector.acc.sharedmemory.PageImage;
import io.purplesector.collector.capture.DatagramRecorder;
import io.purplesector.collector.publish.TelemetryPublisher;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.LatencyRun;
import io.purplesector.testsupport.TestKafka;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end latency of the shared-memory path: from the (fake) game writing a physics page into a
 * page file, as a Linux bridge holds it, to the broker acknowledging the frame made from it,
 * through the real link polling at the game's rate, the page reader, the merge, the publisher's
 * hand-off to its sending thread and a producer configured as the collector's. The baseline, measured in the same run at the same rate, is the
 * same producer sending ready-made frames: Kafka's own share. The polling adds up to one period
 * (16.7 ms at 60 Hz, 3 ms at 333 Hz) by design. Broker: the tests' in-JVM KRaft broker. Run: see
 * docs/PERFORMANCE.md.
 */
public final class PageLatencyBenchmark {

    private static final Logger log = LoggerFactory.getLogger(PageLatencyBenchmark.class);

    private PageLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String topic = Topics.userTopic("page-latency");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        report("collector-acc page latency: %d pages/s for %d s (after %d s of warm-up), %d cores, Java %s%n",
                rate, seconds, seconds / 2, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (KafkaProducer<String, TelemetryRecord> producer = LatencyRun.collectorProducer()) {
            producer.partitionsFor(topic);
            long[] collector = throughCollector(rate, seconds);
            long[] kafka = LatencyRun.producerAlone(producer, "page-latency", rate, seconds);
            report("%s", "| path | p50 µs | p99 µs | max µs |");
            report("%s", "|---|---:|---:|---:|");
            report("%s", LatencyRun.row("page written → acknowledged (collector-acc, " + rate + " Hz)", collector));
            report("%s", LatencyRun.row("frame → acknowledged (producer alone)", kafka));
        }
        System.exit(0);
    }

    /** Page i carries i as the graphics page's current lap time; the ack of its frame ends its latency. */
    private static long[] throughCollector(int rate, int seconds) throws Exception {
        int warmup = rate * seconds / 2;
        int total = warmup + rate * seconds;
        long[] writtenAt = new long[total];
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        TelemetryPublisher publisher = new TelemetryPublisher(
                LatencyRun.acknowledgementTimer(writtenAt, warmup, latencies), Topics.TELEMETRY, "collector-acc", 20_000,
                true, new SimpleMeterRegistry());
        publisher.prepare("page-latency");
        AccSessions sessions = new AccSessions("page-latency", Duration.ofSeconds(5), publisher::publish,
                new SimpleMeterRegistry());
        Path directory = Files.createTempDirectory("acc-latency");
        Map<Page, MappedByteBuffer> files = new EnumMap<>(Page.class);
        for (Page page : Page.values()) {
            try (FileChannel channel = FileChannel.open(directory.resolve(page.mappingName()), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.allocate(2048));
                files.put(page, channel.map(FileChannel.MapMode.READ_WRITE, 0, 2048));
            }
        }
        SharedMemoryPoller pages = new SharedMemoryPoller(new MappedFiles(directory), sessions, null,
                new SimpleMeterRegistry());
        AccLink link = new AccLink(new InetSocketAddress("127.0.0.1", 9), null, pages, rate, sessions,
                new PendingCommands(), DatagramRecorder.none(), new SimpleMeterRegistry());
        Thread thread = new Thread(link::run, "acc-link");
        thread.start();
        LatencyRun.paced(rate, total, i -> {
            // As the game: the graphics page, then the physics page whose new packet id the reader waits for.
            files.get(Page.GRAPHICS).put(0, PageImage.of(Page.GRAPHICS).i32(0, i + 1)
                    .i32(4, GraphicsPage.STATUS_LIVE).i32(140, i).f32(248, 0.5f).array());
            writtenAt[i] = System.nanoTime();
            files.get(Page.PHYSICS).put(0, PageImage.of(Page.PHYSICS).i32(0, i + 1).f32(4, 0.8f).i32(16, 5)
                    .i32(20, 7_000).f32(28, 200).array());
        });
        Thread.sleep(500);
        publisher.flush();
        link.stop();
        thread.join();
        publisher.close();
        return LatencyRun.sorted(latencies);
    }

    private static void report(String format, Object... values) {
        log.info(String.format(Locale.ROOT, format, values).strip());
    }
}
