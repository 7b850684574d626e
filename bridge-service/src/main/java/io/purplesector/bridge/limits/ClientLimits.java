package io.purplesector.bridge.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.bridge.BridgeProperties;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What one client, one user and one address may open and send (see {@link BridgeProperties.Limits}):
 * a connection is admitted only while the instance, the user and the address are under their
 * connection limits, and every message a client sends takes a token from its own bucket, its
 * user's and its address's. A user or an address is known only while it has a connection, so
 * what this holds is bounded by the connections themselves.
 */
@Component
public class ClientLimits {

    /** Which limit was reached: the {@code reason} tag of the refusal's counter. */
    public enum Refusal {
        CONNECTIONS("connection-limit"),
        USER_CONNECTIONS("user-connection-limit"),
        ADDRESS_CONNECTIONS("address-connection-limit"),
        CLIENT_MESSAGES("client-message-rate"),
        USER_MESSAGES("user-message-rate"),
        ADDRESS_MESSAGES("address-message-rate");

        public final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }
    }

    /** The connections of one user or one address, and the bucket their messages share. */
    private static final class Usage {

        int connections;
        final Bucket messages;

        Usage(Bucket messages) {
            this.messages = messages;
        }
    }

    private final BridgeProperties.Limits limits;
    /** Guarded by this. */
    private final Map<String, Usage> users = new HashMap<>();
    /** Guarded by this. */
    private final Map<String, Usage> addresses = new HashMap<>();
    /** Guarded by this. */
    private int connections;

    /** Registered once, not per refusal. */
    private final Map<Refusal, Counter> reached = new EnumMap<>(Refusal.class);

    ClientLimits(BridgeProperties properties, MeterRegistry registry) {
        this.limits = properties.limits();
        for (Refusal refusal : Refusal.values()) {
            reached.put(refusal, Counter.builder("bridge.limits.reached").tag("limit", refusal.tag)
                    .description("Handshakes refused and connections closed at a limit").register(registry));
        }
        Gauge.builder("bridge.addresses.connected", this, ClientLimits::addressesConnected)
                .description("Distinct client addresses with a WebSocket open").register(registry);
    }

    /**
     * Counts a new connection of the user from the address, or says which limit it would break.
     * Every admitted connection must be {@linkplain #release released} once.
     */
    public synchronized @Nullable Refusal admit(String user, String address) {
        if (connections >= limits.connections()) {
            return counted(Refusal.CONNECTIONS);
        }
        if (connectionsOf(users, user) >= limits.connectionsPerUser()) {
            return counted(Refusal.USER_CONNECTIONS);
        }
        if (connectionsOf(addresses, address) >= limits.connectionsPerAddress()) {
            return counted(Refusal.ADDRESS_CONNECTIONS);
        }
        connections++;
        users.computeIfAbsent(user, key -> new Usage(bucket(limits.messagesPerUser()))).connections++;
        addresses.computeIfAbsent(address, key -> new Usage(bucket(limits.messagesPerAddress()))).connections++;
        return null;
    }

    /** A connection admitted for the user from the address has ended. */
    public synchronized void release(String user, String address) {
        connections--;
        release(users, user);
        release(addresses, address);
    }

    /** The bucket of one client's own messages. */
    public Bucket clientBucket() {
        return bucket(limits.messagesPerClient());
    }

    /**
     * Takes one message of a client from its own bucket, its user's and its address's.
     *
     * @return the limit the message breaks, or null when it may be handled
     */
    public @Nullable Refusal message(Bucket client, String user, String address) {
        if (!client.tryConsume(1)) {
            return counted(Refusal.CLIENT_MESSAGES);
        }
        Usage byUser;
        Usage byAddress;
        synchronized (this) {
            byUser = users.get(user);
            byAddress = addresses.get(address);
        }
        if (byUser != null && !byUser.messages.tryConsume(1)) {
            return counted(Refusal.USER_MESSAGES);
        }
        if (byAddress != null && !byAddress.messages.tryConsume(1)) {
            return counted(Refusal.ADDRESS_MESSAGES);
        }
        return null;
    }

    /** What a refusal says to the client: the limit, never the input. */
    public String describe(Refusal refusal) {
        return switch (refusal) {
            case CONNECTIONS -> "this server has its " + limits.connections() + " connections";
            case USER_CONNECTIONS -> "this user has " + limits.connectionsPerUser() + " connections already";
            case ADDRESS_CONNECTIONS -> "this address has " + limits.connectionsPerAddress() + " connections already";
            case CLIENT_MESSAGES -> "more than " + limits.messagesPerClient() + " messages a second from this connection";
            case USER_MESSAGES -> "more than " + limits.messagesPerUser() + " messages a second for this user";
            case ADDRESS_MESSAGES -> "more than " + limits.messagesPerAddress() + " messages a second from this address";
        };
    }

    private Refusal counted(Refusal refusal) {
        reached.get(refusal).increment();
        return refusal;
    }

    private synchronized int addressesConnected() {
        return addresses.size();
    }

    private static int connectionsOf(Map<String, Usage> usage, String key) {
        Usage known = usage.get(key);
        return known == null ? 0 : known.connections;
    }

    private static void release(Map<String, Usage> usage, String key) {
        Usage known = usage.get(key);
        if (known != null && --known.connections <= 0) {
            usage.remove(key);
        }
    }

    /** As many messages a second, in bursts of up to a second's worth. */
    private static Bucket bucket(int perSecond) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(perSecond)
                .refillGreedy(perSecond, Duration.ofSeconds(1)).build()).build();
    }
}
