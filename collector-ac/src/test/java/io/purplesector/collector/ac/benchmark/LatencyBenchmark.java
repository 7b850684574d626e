package io.purplesector.collector.ac.benchmark;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.purplesector.collector.ac.link.GameLink;
import io.purplesector.collector.ac.protocol.AcEncoder;
import io.purplesector.collector.ac.protocol.CarInfo;
import io.purplesector.collector.ac.protocol.Decoded;
import io.purplesector.collector.ac.protocol.HandshakeResponse;
import io.purplesector.collector.ac.protocol.Handshaker;
import io.purplesector.collector.ac.protocol.Operation;
import io.purplesector.collector.ac.protocol.SampleCars;
import io.purplesector.collector.ac.session.AcSessions;
import io.purplesector.collector.capture.DatagramRecorder;
import io.purplesector.collector.publish.TelemetryPublisher;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.LatencyRun;
import io.purplesector.testsupport.TestKafka;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * End-to-end latency of the collector: from a car-info datagram leaving the (fake) game's socket
 * to the broker acknowledging the frame made from it, through the real UDP link, decoder,
 * session, the publisher's hand-off to its sending thread, and a producer configured as
 * collector-ac's. The baseline, measured in the same run at
 * the same rate, is the same producer sending ready-made frames: Kafka's own share. Broker: the
 * in-JVM KRaft broker of the tests. Run: see docs/PERFORMANCE.md.
 */
public final class LatencyBenchmark {

    private static final Logger log = LoggerFactory.getLogger(LatencyBenchmark.class);

    private LatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 333;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String topic = Topics.userTopic("latency");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        report("collector-ac latency: %d datagrams/s for %d s (after %d s of warm-up), %d cores, Java %s%n",
                rate, seconds, seconds / 2, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (KafkaProducer<String, TelemetryRecord> producer = LatencyRun.collectorProducer()) {
            producer.partitionsFor(topic);
            long[] collector = throughCollector(rate, seconds);
            long[] kafka = LatencyRun.producerAlone(producer, "latency", rate, seconds);
            report("%s", "| path | p50 µs | p99 µs | max µs |");
            report("%s", "|---|---:|---:|---:|");
            report("%s", LatencyRun.row("datagram → acknowledged (collector-ac)", collector));
            report("%s", LatencyRun.row("frame → acknowledged (producer alone)", kafka));
            report("The collector adds %.0f µs at p50 and %.0f µs at p99 to Kafka's own%n",
                    (double) LatencyRun.percentile(collector, 50) - LatencyRun.percentile(kafka, 50),
                    (double) LatencyRun.percentile(collector, 99) - LatencyRun.percentile(kafka, 99));
        }
        System.exit(0);
    }

    /** The fake game sends datagram i at sentAt[i]; the ack of the frame with lap time i ends its latency. */
    private static long[] throughCollector(int rate, int seconds) throws Exception {
        int warmup = rate * seconds / 2;
        int total = warmup + rate * seconds;
        long[] sentAt = new long[total];
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        // The publisher as the collector has it; its template notes when each frame is acknowledged.
        KafkaTemplate<String, byte[]> template = LatencyRun.acknowledgementTimer(sentAt, warmup, latencies);
        TelemetryPublisher publisher = new TelemetryPublisher(template, Topics.TELEMETRY, "collector-ac", 20_000, true,
                new SimpleMeterRegistry());
        publisher.prepare("latency");
        AcSessions sessions = new AcSessions("latency", 0, Duration.ofSeconds(5), publisher::publish,
                new SimpleMeterRegistry());
        try (DatagramChannel game = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            GameLink link = new GameLink((InetSocketAddress) game.getLocalAddress(), Duration.ofMillis(200),
                    Duration.ofSeconds(5), sessions, DatagramRecorder.none(), new SimpleMeterRegistry());
            Thread thread = new Thread(link::run, "ac-game-link");
            thread.start();
            SocketAddress client = awaitSubscription(game);
            AcEncoder encoder = new AcEncoder();
            LatencyRun.paced(rate, total, i -> {
                byte[] datagram = encoder.encode(car(i));
                sentAt[i] = System.nanoTime();
                try {
                    game.send(ByteBuffer.wrap(datagram), client);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            publisher.flush();
            link.stop();
            thread.join();
            publisher.close();
        }
        return LatencyRun.sorted(latencies);
    }

    /** Answers the link's handshakes like the game and returns the address subscribed to car data. */
    private static SocketAddress awaitSubscription(DatagramChannel game) throws Exception {
        ByteBuffer request = ByteBuffer.allocate(64);
        byte[] response = new AcEncoder().encode(new HandshakeResponse("car", "driver", 4242, 1, "track", ""));
        while (true) {
            request.clear();
            SocketAddress client = game.receive(request);
            if (!(Handshaker.decode(request.flip()) instanceof Decoded.Ok<Handshaker> decoded)) {
                continue;
            }
            Handshaker handshaker = decoded.value();
            if (handshaker.operation() == Operation.HANDSHAKE) {
                game.send(ByteBuffer.wrap(response), client);
            } else if (handshaker.operation() == Operation.SUBSCRIBE_UPDATE) {
                return client;
            }
        }
    }

    private static CarInfo car(int i) {
        return SampleCars.atSpeed().lapTimeMillis(i).carPositionNormalized((i % 10_000) / 10_000f).build();
    }

    /** A measured figure, to the log (the console when run on demand). */
    private static void report(String format, Object... values) {
        log.info(String.format(Locale.ROOT, format, values).strip());
    }
}
