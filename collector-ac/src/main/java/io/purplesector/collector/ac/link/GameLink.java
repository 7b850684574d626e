package io.purplesector.collector.ac.link;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.collector.ac.protocol.AcDatagram;
import io.purplesector.collector.ac.protocol.CarInfo;
import io.purplesector.collector.ac.protocol.HandshakeResponse;
import io.purplesector.collector.ac.protocol.Handshaker;
import io.purplesector.collector.ac.protocol.Operation;
import io.purplesector.collector.ac.session.AcSessions;
import io.purplesector.collector.capture.DatagramRecorder;
import io.purplesector.telemetry.proto.SessionEndReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation with the game (game-protocols.md A.7), on two sockets because the game ties a
 * subscription to the client's address and port: one subscribed to car data, one to lap events.
 * Handshakes are repeated until the game answers; when car data stops for the silence timeout the
 * session ends, both subscriptions are dismissed and the handshakes start again, so the collector
 * follows the game through pauses, session changes and restarts by itself.
 *
 * <p>Runs on one thread, {@link #run()}, until {@link #stop()}.
 */
public final class GameLink {

    private static final Logger log = LoggerFactory.getLogger(GameLink.class);

    private final InetSocketAddress game;
    private final Duration handshakeInterval;
    private final Duration silenceTimeout;
    private final AcSessions sessions;
    private final DatagramRecorder recorder;
    private final Counter handshakes;
    private final Counter reconnects;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
    private volatile boolean running = true;
    private volatile boolean connected;
    private @Nullable Selector selector;

    public GameLink(InetSocketAddress game, Duration handshakeInterval, Duration silenceTimeout, AcSessions sessions,
            DatagramRecorder recorder, MeterRegistry registry) {
        this.game = game;
        this.handshakeInterval = handshakeInterval;
        this.silenceTimeout = silenceTimeout;
        this.sessions = sessions;
        this.recorder = recorder;
        this.handshakes = Counter.builder("collector.game.handshakes").description("Handshakes sent to the game")
                .register(registry);
        this.reconnects = Counter.builder("collector.game.reconnects")
                .description("Times the game went silent and the collector started over").register(registry);
    }

    /** Whether the game is sending car data. */
    public boolean connected() {
        return connected;
    }

    public InetSocketAddress game() {
        return game;
    }

    /** Talks to the game until {@link #stop()}; then dismisses itself and ends the session. */
    public void run() {
        try (Selector selector = Selector.open();
                DatagramChannel updates = open(selector);
                DatagramChannel laps = open(selector)) {
            this.selector = selector;
            log.info("Waiting for Assetto Corsa at {} (handshake every {})", game, handshakeInterval);
            while (running) {
                converse(selector, updates, laps);
            }
            end(SessionEndReason.COLLECTOR_STOPPED, updates, laps);
        } catch (IOException e) {
            throw new UncheckedIOException("The link to the game failed", e);
        }
    }

    /** Ends {@link #run()} (from another thread). */
    public void stop() {
        running = false;
        Selector current = selector;
        if (current != null) {
            current.wakeup();
        }
    }

    /** One conversation: handshakes until answered, then data until silence or stop. */
    private void converse(Selector selector, DatagramChannel updates, DatagramChannel laps) throws IOException {
        boolean updatesSubscribed = false;
        boolean lapsSubscribed = false;
        long nextHandshake = 0;
        long lastCarData = System.currentTimeMillis();
        while (running) {
            long now = System.currentTimeMillis();
            if (!updatesSubscribed && now >= nextHandshake) {
                send(laps, Operation.HANDSHAKE);
                send(updates, Operation.HANDSHAKE);
                handshakes.increment();
                nextHandshake = now + handshakeInterval.toMillis();
            }
            if (updatesSubscribed && now - lastCarData > silenceTimeout.toMillis()) {
                log.info("No car data from the game for {} s: ending the session and starting over",
                        silenceTimeout.toSeconds());
                end(SessionEndReason.GAME_SILENT, updates, laps);
                reconnects.increment();
                return;
            }
            selector.select(Math.max(1, Math.min(100, nextHandshake - now)));
            for (SelectionKey key : selector.selectedKeys()) {
                DatagramChannel channel = (DatagramChannel) key.channel();
                for (SocketAddress from = receive(channel); from != null; from = receive(channel)) {
                    long at = System.currentTimeMillis();
                    record(at, from, channel);
                    AcDatagram datagram = sessions.accept(buffer, at);
                    if (datagram instanceof HandshakeResponse response) {
                        if (channel == updates && !updatesSubscribed) {
                            send(updates, Operation.SUBSCRIBE_UPDATE);
                            updatesSubscribed = true;
                            lastCarData = at;
                            log.info("Connected: {} driving {} at {} {}", response.driverName(), response.carName(),
                                    response.trackName(), response.trackConfig());
                        } else if (channel == laps && !lapsSubscribed) {
                            send(laps, Operation.SUBSCRIBE_SPOT);
                            lapsSubscribed = true;
                        }
                    } else if (datagram instanceof CarInfo) {
                        lastCarData = at;
                        connected = true;
                    }
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private void end(SessionEndReason reason, DatagramChannel updates, DatagramChannel laps) {
        connected = false;
        sessions.end(reason, System.currentTimeMillis());
        // The game forgets clients that dismiss themselves; a new handshake starts afresh.
        send(updates, Operation.DISMISS);
        send(laps, Operation.DISMISS);
    }

    private DatagramChannel open(Selector selector) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        // Room for a second of car data at the physics rate while the thread is busy elsewhere.
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        channel.bind(new InetSocketAddress(0));
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
        return channel;
    }

    /** Sends a request; a failure (game host unreachable) is logged and retried with the next handshake. */
    private void send(DatagramChannel channel, Operation operation) {
        try {
            channel.send(ByteBuffer.wrap(Handshaker.of(operation).encode()), game);
        } catch (IOException e) {
            log.debug("Could not send {} to {}: {}", operation, game, e.getMessage());
        }
    }

    /**
     * The next datagram into the buffer (flipped), or null when there is none. Datagrams from
     * anyone but the game are dropped unread.
     */
    private @Nullable SocketAddress receive(DatagramChannel channel) throws IOException {
        while (true) {
            buffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (IOException e) {
                // ICMP port unreachable while the game is not running surfaces here: nothing to read.
                return null;
            }
            if (from == null) {
                return null;
            }
            buffer.flip();
            if (from instanceof InetSocketAddress address && address.getPort() == game.getPort()
                    && address.getAddress().equals(game.getAddress())) {
                return from;
            }
        }
    }

    private void record(long at, SocketAddress from, DatagramChannel channel) throws IOException {
        if (recorder.recording()) {
            recorder.received(at, (InetSocketAddress) from, (InetSocketAddress) channel.getLocalAddress(), buffer);
        }
    }
}
