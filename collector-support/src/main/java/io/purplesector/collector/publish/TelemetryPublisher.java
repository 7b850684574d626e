package io.purplesector.collector.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.TelemetryRecord.PayloadCase;
import io.purplesector.telemetry.proto.kafka.TelemetryRecords;
import io.purplesector.telemetry.proto.kafka.TelemetryRecords.Destination;
import io.purplesector.telemetry.proto.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A collector's way into Kafka: each record to its user's topic, keyed by session, with the
 * contract's headers. The collecting thread only hands records over; a thread of the publisher's
 * own sends them, in the order handed over, and the producer batches, compresses and retries
 * idempotently. A send that finally fails is counted and logged with its session.
 *
 * <p>Why a thread of its own: a send can wait, up to the producer's {@code max.block.ms} (a
 * minute), for room in the producer's buffer or for the topic's metadata, which a client that lost
 * every broker forgets (it bootstraps again). Waiting on the collecting thread would leave the
 * game's datagrams unread and its sessions judged silent. So while the broker is away a collector
 * keeps what it could not send within three stated bounds, in this order: {@code pending-records}
 * records handed over and not yet sent (20,000 by default: five minutes of a game at 60 Hz); the
 * producer's buffer ({@code spring.kafka.producer.buffer-memory}, 32 MB); and, for a record in
 * that buffer, {@code delivery.timeout.ms} (two minutes). Beyond the first a frame is dropped at
 * once, beyond the last it fails, each counted by reason in
 * {@code collector.frames.dropped{reason=pending-full|not-acknowledged}} (other records in
 * {@code collector.errors{kind=publish}}): every frame collected is published or counted as
 * dropped. A replay, which reads a file and can wait, waits for room instead of dropping.
 *
 * <p>A record is addressed and serialized when it is handed over, and waits as its bytes: an
 * array and its address where a frame's message is a graph of some twenty objects (a demo frame:
 * about 480 bytes of heap instead of 620); and the catch-up, when the broker is back, only sends.
 * A record that cannot be addressed (no payload, no session, an id the contract refuses) is
 * counted and logged when it is handed over, as {@code collector.frames.dropped{reason=invalid}}
 * for a frame.
 */
public class TelemetryPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TelemetryPublisher.class);
    /** The longest a flush or close waits for the broker: the producer's default delivery timeout. */
    private static final Duration FLUSH_WAIT = Duration.ofMinutes(2);

    private final KafkaTemplate<String, byte[]> kafka;
    private final String telemetryTopic;
    private final String source;
    private final boolean dropWhenFull;
    private final BlockingQueue<Outgoing> pending;
    private final Thread sender;
    private final Counter collected;
    private final Counter published;
    private final Counter errors;
    private final Counter droppedPendingFull;
    private final Counter droppedNotAcknowledged;
    private final Counter droppedInvalid;
    /** Records handed over, and records the sender has passed to the producer: for {@link #flush()}. */
    private final AtomicLong handedOver = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    /** Whether records are being dropped now, and how many this time: each episode is logged once. */
    private volatile boolean dropping;
    private long droppedInEpisode;
    /** When a frame was last dropped, for any reason (epoch milliseconds; 0: never). */
    private volatile long lastDropAt;
    private volatile boolean closed;

    /**
     * @param telemetryTopic the shared topic, for records of no user
     * @param source the collector, in the records' source header and the metrics' tag
     * @param pendingRecords records that may wait for the producer
     * @param dropWhenFull whether a record is dropped when that many wait (live collection) or
     *        waits for room (a replay)
     */
    public TelemetryPublisher(KafkaTemplate<String, byte[]> kafka, String telemetryTopic, String source,
            int pendingRecords, boolean dropWhenFull, MeterRegistry registry) {
        this.kafka = kafka;
        this.telemetryTopic = telemetryTopic;
        this.source = source;
        this.dropWhenFull = dropWhenFull;
        this.pending = new ArrayBlockingQueue<>(pendingRecords);
        this.collected = Counter.builder("collector.frames.collected")
                .description("Frames generated").tag("source", source).register(registry);
        this.published = Counter.builder("collector.frames.published")
                .description("Frames acknowledged by the broker").tag("source", source).register(registry);
        this.errors = Counter.builder("collector.errors")
                .description("Records that could not be published").tag("source", source).tag("kind", "publish")
                .register(registry);
        this.droppedPendingFull = dropped(registry, source, "pending-full");
        this.droppedNotAcknowledged = dropped(registry, source, "not-acknowledged");
        this.droppedInvalid = dropped(registry, source, "invalid");
        Gauge.builder("collector.records.pending", pending, BlockingQueue::size).tag("source", source)
                .description("Records handed over and not yet passed to the producer").register(registry);
        this.sender = new Thread(this::sendPending, "telemetry-publisher");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    private static Counter dropped(MeterRegistry registry, String source, String reason) {
        return Counter.builder("collector.frames.dropped").tag("source", source).tag("reason", reason)
                .description("Frames collected and never published").register(registry);
    }

    /** Hands a record over for sending; never waits in live collection (see the class comment). */
    public void publish(TelemetryRecord record) {
        boolean frame = record.hasFrame();
        if (frame) {
            collected.increment();
        }
        Outgoing outgoing;
        try {
            outgoing = new Outgoing(TelemetryRecords.destination(telemetryTopic, record), record.toByteArray(),
                    record.getPayloadCase());
        } catch (IllegalArgumentException e) {
            refused(record, frame, e);
            return;
        }
        if (dropWhenFull) {
            if (!pending.offer(outgoing)) {
                dropped(frame);
                return;
            }
        } else {
            try {
                pending.put(outgoing);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                dropped(frame);
                return;
            }
        }
        handedOver.incrementAndGet();
        // Said again only once the backlog has halved, so that a queue at its edge is not a log flood.
        if (dropping && pending.remainingCapacity() > pending.size()) {
            dropping = false;
            log.info("Records are handed over to the producer again, {} dropped meanwhile", droppedInEpisode);
        }
    }

    private void refused(TelemetryRecord record, boolean frame, IllegalArgumentException reason) {
        errors.increment();
        if (frame) {
            droppedInvalid.increment();
            lastDropAt = System.currentTimeMillis();
        }
        log.warn("Could not publish a {} record: {}", record.getPayloadCase(), reason.getMessage());
    }

    private void dropped(boolean frame) {
        if (frame) {
            droppedPendingFull.increment();
            lastDropAt = System.currentTimeMillis();
        } else {
            errors.increment();
        }
        if (!dropping) {
            dropping = true;
            droppedInEpisode = 0;
            log.warn("{} records wait for the broker already: new ones are dropped and counted until it takes them",
                    pending.size());
        }
        droppedInEpisode++;
    }

    /** The sender: each record handed over, in order, to the producer, however long that waits. */
    private void sendPending() {
        while (!closed || !pending.isEmpty()) {
            Outgoing outgoing;
            try {
                outgoing = pending.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (outgoing != null) {
                send(outgoing);
                sent.incrementAndGet();
            }
        }
    }

    private void send(Outgoing outgoing) {
        ProducerRecord<String, byte[]> producerRecord = outgoing.destination().producerRecord(source, outgoing.value());
        try {
            kafka.send(producerRecord).whenComplete((result, failure) -> {
                if (failure != null) {
                    failed(outgoing, failure);
                } else if (outgoing.frame()) {
                    published.increment();
                }
            });
        } catch (RuntimeException e) {
            failed(outgoing, e);
        }
    }

    private void failed(Outgoing outgoing, Throwable failure) {
        errors.increment();
        if (outgoing.frame()) {
            droppedNotAcknowledged.increment();
            lastDropAt = System.currentTimeMillis();
        }
        Destination destination = outgoing.destination();
        log.warn("Could not publish {} of session {} to {}: {}", outgoing.payload(), destination.sessionId(),
                destination.topic(), failure.getMessage());
    }

    /**
     * Fetches the user's topic's metadata now, so that the first record does not wait for it (a
     * send waits until the producer knows the topic's partitions).
     */
    public void prepare(String userId) {
        kafka.partitionsFor(userId.isEmpty() ? telemetryTopic : Topics.userTopic(userId));
    }

    /** When a frame was last dropped, for any reason; empty if none ever was. */
    public Optional<Instant> lastDrop() {
        long at = lastDropAt;
        return at == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
    }

    /** Records handed over and not yet passed to the producer. */
    public int pending() {
        return pending.size();
    }

    /** Frames dropped so far because too many records waited for the broker. */
    public long framesDroppedPendingFull() {
        return (long) droppedPendingFull.count();
    }

    /** Frames dropped so far because they could not be addressed (see the class comment). */
    public long framesDroppedInvalid() {
        return (long) droppedInvalid.count();
    }

    /** Frames dropped so far because the broker did not acknowledge them in time. */
    public long framesDroppedNotAcknowledged() {
        return (long) droppedNotAcknowledged.count();
    }

    /** Frames the broker has acknowledged so far. */
    public long framesPublished() {
        return (long) published.count();
    }

    /** Records that could not be published so far. */
    public long errors() {
        return (long) errors.count();
    }

    /**
     * Waits until every record handed over so far is acknowledged or failed, or for at most the
     * producer's default delivery timeout when the broker stays away.
     */
    public void flush() {
        long target = handedOver.get();
        long deadline = System.nanoTime() + FLUSH_WAIT.toNanos();
        while (sent.get() < target && sender.isAlive() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        kafka.flush();
    }

    /** Sends what is still handed over (within {@link #FLUSH_WAIT}), then stops; what is left is counted as dropped. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        sender.join(FLUSH_WAIT.toMillis());
        sender.interrupt();
        int left = 0;
        for (Outgoing outgoing = pending.poll(); outgoing != null; outgoing = pending.poll()) {
            errors.increment();
            if (outgoing.frame()) {
                droppedNotAcknowledged.increment();
            }
            left++;
        }
        if (left > 0) {
            log.warn("Closed with {} records the broker never took", left);
        }
    }

    /** A record handed over: where it goes, its value already serialized, and what it carries. */
    private record Outgoing(Destination destination, byte[] value, PayloadCase payload) {

        boolean frame() {
            return payload == PayloadCase.FRAME;
        }
    }
}
