package io.purplesector.bridge.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.bridge.BridgeProperties;
import io.purplesector.bridge.websocket.ClientRegistry;
import io.purplesector.telemetry.proto.kafka.InvalidUserIdException;
import io.purplesector.telemetry.proto.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * With {@code purplesector.bridge.read=watched} (the default): reads only the telemetry topics of
 * the users this instance's clients watch, following them as clients come and go, so that the
 * reading done by each of N instances behind a load balancer grows with its own clients, not with
 * every user of the cluster.
 *
 * <p>Partitions are assigned by hand ({@link Consumer#assign}) rather than through a group
 * subscription: an instance's group is its own (live views share nothing), so a rebalance would buy
 * nothing and would pause every watched stream each time a client comes or goes, while a new
 * assignment leaves the partitions kept exactly where they were. Spring Kafka's containers take
 * their topics once, at start, hence this one consumer of our own, on its own thread.
 *
 * <p>Where a newly watched topic is read from: the first record published after the user's first
 * client came (by the records' timestamps), so that nothing published between a client's
 * {@code CONNECTED} and this reader's next round is lost to it, and nothing older reaches it; the
 * topic's beginning when it appears only later (the user's collector created it meanwhile, so all
 * of it is new, its {@code SessionStarted} first). A topic not there yet is looked for again every
 * {@code topic-refresh}.
 */
@Component
@ConditionalOnProperty(name = "purplesector.bridge.read", havingValue = "watched", matchIfMissing = true)
class WatchedTopicsReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WatchedTopicsReader.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long a look for a topic's partitions may take before the broker counts as away. */
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration BACK_OFF = Duration.ofSeconds(1);

    /**
     * What the reader is doing, for health.
     *
     * @param lastRound when a round of the loop (look at the clients, poll, deliver) last ended,
     *        epoch milliseconds
     * @param failure why the reader stopped for good, or null while it runs
     */
    record State(int usersWatched, int topicsRead, int topicsAwaited, long lastRound, @Nullable String failure) {
    }

    private final ConsumerFactory<byte @Nullable [], byte @Nullable []> consumers;
    private final ClientRegistry clients;
    private final TelemetryDelivery delivery;
    private final String group;
    private final String sharedTopic;
    private final long topicRefreshMillis;
    private final Clock clock = Clock.systemUTC();
    private volatile State state;
    private volatile boolean running;
    private volatile @Nullable Consumer<byte @Nullable [], byte @Nullable []> consumer;
    private @Nullable Thread thread;

    /** The loop's own state: the reading thread only. */
    private final Map<String, List<TopicPartition>> partitionsByUser = new HashMap<>();
    private final Set<String> awaited = new HashSet<>();
    private long changesSeen = -1;
    private long nextRefresh;

    WatchedTopicsReader(ConsumerFactory<byte @Nullable [], byte @Nullable []> consumers, ClientRegistry clients,
            TelemetryDelivery delivery, BridgeProperties properties, MeterRegistry registry) {
        this.consumers = consumers;
        this.clients = clients;
        this.delivery = delivery;
        this.group = properties.group();
        this.sharedTopic = properties.sharedTopic();
        this.topicRefreshMillis = properties.topicRefresh().toMillis();
        this.state = new State(0, 0, 0, clock.millis(), null);
        Gauge.builder("bridge.topics.read", this, reader -> reader.state.topicsRead())
                .description("Telemetry topics this instance reads, those of its clients' users").register(registry);
        Gauge.builder("bridge.topics.awaited", this, reader -> reader.state.topicsAwaited())
                .description("Watched users whose telemetry topic does not exist yet").register(registry);
    }

    State state() {
        return state;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "bridge-telemetry");
        thread.start();
    }

    @Override
    public void stop() {
        Thread reading;
        synchronized (this) {
            running = false;
            reading = thread;
            thread = null;
        }
        Consumer<?, ?> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (reading != null) {
            try {
                reading.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        // Positions are always sought, never resumed: committing them would only leave work for the broker.
        Properties noCommits = new Properties();
        noCommits.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (Consumer<byte @Nullable [], byte @Nullable []> reading = consumers.createConsumer(group, null, "-watched",
                noCommits)) {
            consumer = reading;
            while (running) {
                round(reading);
            }
        } catch (RuntimeException e) {
            log.error("The telemetry reader stopped: live views get nothing until the bridge restarts", e);
            state = new State(0, 0, 0, state.lastRound(), e.toString());
        } finally {
            consumer = null;
        }
    }

    /** Follows the clients, then reads and delivers what the watched topics have. */
    private void round(Consumer<byte @Nullable [], byte @Nullable []> reading) {
        try {
            follow(reading);
            if (reading.assignment().isEmpty()) {
                LockSupport.parkNanos(POLL.toNanos());
            } else {
                ConsumerRecords<byte @Nullable [], byte @Nullable []> records = reading.poll(POLL);
                if (!records.isEmpty()) {
                    delivery.deliver(records, records.count());
                }
            }
        } catch (WakeupException e) {
            // stop(): the loop's condition ends it.
        } catch (KafkaException e) {
            // The broker away, or a topic deleted under us: the assignment is looked at afresh.
            log.warn("Reading the watched topics failed, trying again in {} ms: {}", BACK_OFF.toMillis(), e.toString());
            changesSeen = -1;
            LockSupport.parkNanos(BACK_OFF.toNanos());
        } catch (RuntimeException e) {
            // A defect in delivering one batch must not end every live view: the batch is lost to
            // live views (the database consumer has it) and reading goes on.
            log.error("Delivering a batch of telemetry records failed; it is skipped", e);
        }
        state = new State(partitionsByUser.size() + awaited.size(), partitionsByUser.size(), awaited.size(),
                clock.millis(), null);
    }

    /**
     * Assigns the partitions of the users watched now, when clients came or went or an awaited
     * topic is due a look. All or nothing: a look that fails (the broker away) changes nothing, and
     * the next round tries again.
     */
    private void follow(Consumer<byte @Nullable [], byte @Nullable []> reading) {
        long changes = clients.watchChanges();
        long now = clock.millis();
        boolean refreshDue = !awaited.isEmpty() && now >= nextRefresh;
        if (changes == changesSeen && !refreshDue) {
            return;
        }
        Map<String, Long> watched = clients.watchedUsers();
        Map<String, List<TopicPartition>> found = new HashMap<>();
        Set<String> stillAwaited = new HashSet<>();
        Map<TopicPartition, Long> fromWatchStart = new HashMap<>();
        List<TopicPartition> fromStart = new ArrayList<>();
        for (String user : watched.keySet()) {
            List<TopicPartition> known = partitionsByUser.get(user);
            if (known != null) {
                found.put(user, known);
            } else if (awaited.contains(user) && !refreshDue) {
                stillAwaited.add(user);
            } else {
                List<TopicPartition> partitions = partitionsOf(reading, user);
                if (partitions.isEmpty()) {
                    stillAwaited.add(user);
                } else {
                    found.put(user, partitions);
                    if (awaited.contains(user)) {
                        fromStart.addAll(partitions);
                    } else {
                        partitions.forEach(partition -> fromWatchStart.put(partition, watched.get(user)));
                    }
                }
            }
        }
        // The ends first: a partition with no record since the watch began is read from where it
        // ended before the question about times was asked, so that a record written in between is
        // not skipped (an end looked up afterwards, or a lazy seek to the end, would pass it by).
        Map<TopicPartition, Long> ends = fromWatchStart.isEmpty() ? Map.of()
                : reading.endOffsets(fromWatchStart.keySet(), METADATA_TIMEOUT);
        Map<TopicPartition, OffsetAndTimestamp> firstSinceWatched = fromWatchStart.isEmpty() ? Map.of()
                : reading.offsetsForTimes(fromWatchStart, METADATA_TIMEOUT);
        reading.assign(found.values().stream().flatMap(List::stream).toList());
        fromWatchStart.keySet().forEach(partition -> {
            OffsetAndTimestamp first = firstSinceWatched.get(partition);
            reading.seek(partition, first != null ? first.offset() : ends.get(partition));
        });
        // Never with an empty list: the consumer reads that as "every assigned partition".
        if (!fromStart.isEmpty()) {
            reading.seekToBeginning(fromStart);
        }
        log.debug("Reading {} topics: from the watch's start {} (else the ends {}), from the beginning {}; awaiting {}",
                found.size(), firstSinceWatched, ends, fromStart, stillAwaited);
        partitionsByUser.clear();
        partitionsByUser.putAll(found);
        awaited.clear();
        awaited.addAll(stillAwaited);
        if (refreshDue || nextRefresh <= now) {
            nextRefresh = now + topicRefreshMillis;
        }
        changesSeen = changes;
    }

    /** The partitions of a user's topic; none while the topic does not exist. */
    private List<TopicPartition> partitionsOf(Consumer<byte @Nullable [], byte @Nullable []> reading, String user) {
        String topic;
        try {
            topic = user.isEmpty() ? sharedTopic : Topics.userTopic(user);
        } catch (InvalidUserIdException e) {
            return List.of(); // no such topic can exist; the handshake refuses such ids before they get here
        }
        List<PartitionInfo> partitions = reading.partitionsFor(topic, METADATA_TIMEOUT);
        return partitions == null ? List.of() : partitions.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }
}
