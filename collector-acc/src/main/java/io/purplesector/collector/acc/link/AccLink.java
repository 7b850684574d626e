package io.purplesector.collector.acc.link;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.collector.acc.broadcasting.BroadcastingClient;
import io.purplesector.collector.acc.broadcasting.BroadcastingSettings;
import io.purplesector.collector.acc.protocol.InboundMessage;
import io.purplesector.collector.acc.command.CommandTranslator;
import io.purplesector.collector.acc.command.PendingCommands;
import io.purplesector.collector.acc.session.AccSessions;
import io.purplesector.collector.capture.DatagramRecorder;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.SessionEndReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's one thread with the game: receives broadcasting's datagrams (a socket connected
 * to the game, so nobody else's datagrams reach the decoder), polls the pages at their rate, and
 * hands both to the merge, so that the merge and the broadcasting client are only ever used by
 * this thread. Either source may be absent.
 *
 * <p>Runs on one thread, {@link #run()}, until {@link #stop()}.
 */
public final class AccLink {

    private static final Logger log = LoggerFactory.getLogger(AccLink.class);

    private final InetSocketAddress game;
    private final @Nullable BroadcastingClient broadcasting;
    private final @Nullable SharedMemoryPoller pages;
    private final long pollNanos;
    private final AccSessions sessions;
    private final PendingCommands commands;
    private final CommandOutcomes outcomes;
    private final DatagramRecorder recorder;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
    private volatile boolean running = true;
    private @Nullable Selector selector;
    private @Nullable DatagramChannel channel;

    AccLink(InetSocketAddress game, @Nullable BroadcastingSettings settings, @Nullable SharedMemoryPoller pages,
            int pollRateHz, AccSessions sessions, PendingCommands commands, DatagramRecorder recorder,
            MeterRegistry registry) {
        this.recorder = recorder;
        this.game = game;
        this.broadcasting = settings == null ? null : new BroadcastingClient(settings, this::send, registry);
        this.pages = pages;
        this.pollNanos = TimeUnit.SECONDS.toNanos(1) / pollRateHz;
        this.sessions = sessions;
        this.commands = commands;
        this.outcomes = new CommandOutcomes(registry);
        commands.onOffer(this::wakeUp);
    }

    /** Talks to the game until {@link #stop()}; then unregisters and ends the session. */
    public void run() {
        try (Selector opened = Selector.open(); DatagramChannel socket = open(opened)) {
            selector = opened;
            channel = socket;
            log.info("Listening to ACC: broadcasting {}, shared memory {}",
                    broadcasting == null ? "off" : "at " + game, pages == null ? "off" : "at " + pages.location());
            long nextPoll = System.nanoTime();
            while (running) {
                long now = System.currentTimeMillis();
                if (broadcasting != null) {
                    broadcasting.tick(now);
                }
                if (pages != null && System.nanoTime() - nextPoll >= 0) {
                    pages.poll(now);
                    nextPoll += pollNanos;
                    if (System.nanoTime() - nextPoll > pollNanos) {
                        // Fell behind (a pause of the JVM): poll on from now rather than in a burst.
                        nextPoll = System.nanoTime() + pollNanos;
                    }
                }
                sessions.tick(now);
                for (Command command = commands.poll(); command != null; command = commands.poll()) {
                    carryOut(command, now);
                }
                long waitMillis = pages == null ? 100
                        : Math.max(1, Duration.ofNanos(nextPoll - System.nanoTime()).toMillis());
                opened.select(waitMillis);
                opened.selectedKeys().clear();
                receive(socket);
            }
            if (broadcasting != null) {
                broadcasting.unregister();
            }
            sessions.end(SessionEndReason.COLLECTOR_STOPPED, System.currentTimeMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("The link to ACC failed", e);
        } finally {
            if (pages != null) {
                pages.close();
            }
        }
    }

    /** Ends {@link #run()} (from another thread). */
    public void stop() {
        running = false;
        wakeUp();
    }

    private void wakeUp() {
        Selector current = selector;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Sends a command to the game when it can be, and publishes what became of it. */
    private void carryOut(Command command, long now) {
        BroadcastingClient client = broadcasting;
        String refusal;
        if (client == null) {
            refusal = CommandOutcomes.BROADCASTING_OFF;
        } else if (client.state() != BroadcastingClient.State.REGISTERED) {
            refusal = CommandOutcomes.NOT_REGISTERED;
        } else if (!client.writeAccess()) {
            refusal = CommandOutcomes.READ_ONLY;
        } else if (!command.getSessionId().isEmpty() && !command.getSessionId().equals(sessions.sessionId())) {
            refusal = CommandOutcomes.OTHER_SESSION;
        } else {
            OptionalDouble sessionTime = sessions.sessionTimeMs();
            if (command.hasAccInstantReplay() && sessionTime.isEmpty()) {
                refusal = CommandOutcomes.NO_SESSION_TIME;
            } else {
                client.command(CommandTranslator.request(command, (float) sessionTime.orElse(0)).orElseThrow());
                refusal = null;
            }
        }
        outcomes.count(refusal);
        if (refusal == null) {
            log.info("Command {} sent to ACC: {}", command.getCommandId(), command.getActionCase());
        } else {
            log.info("Command {} refused: {}", command.getCommandId(), refusal);
        }
        if (!sessions.commandOutcome(command, refusal, now)) {
            log.debug("No session to publish the outcome of command {} on", command.getCommandId());
        }
    }

    /** Sends a datagram to the game; a failure (game not there) is logged, the next try comes. */
    void send(byte[] datagram) {
        DatagramChannel socket = channel;
        if (socket == null) {
            return;
        }
        try {
            socket.write(ByteBuffer.wrap(datagram));
        } catch (IOException e) {
            log.debug("Could not send to ACC at {}: {}", game, e.getMessage());
        }
    }

    @Nullable BroadcastingClient broadcasting() {
        return broadcasting;
    }

    boolean sharedMemoryPresent() {
        return pages != null && pages.present();
    }

    private void receive(DatagramChannel socket) {
        BroadcastingClient client = broadcasting;
        if (client == null) {
            return;
        }
        while (true) {
            buffer.clear();
            try {
                if (socket.receive(buffer) == null) {
                    return;
                }
            } catch (IOException e) {
                // ICMP port unreachable while the game is not running surfaces here: nothing to read.
                return;
            }
            buffer.flip();
            long at = System.currentTimeMillis();
            if (recorder.recording()) {
                try {
                    recorder.received(at, game, (InetSocketAddress) socket.getLocalAddress(), buffer);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot tell the socket's address for the recording", e);
                }
            }
            InboundMessage message = client.accept(buffer, at);
            if (message != null) {
                sessions.onBroadcast(message, client, at);
            }
        }
    }

    private DatagramChannel open(Selector opened) throws IOException {
        DatagramChannel socket = DatagramChannel.open();
        socket.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        socket.bind(new InetSocketAddress(0));
        if (broadcasting != null) {
            // Connected: only the game's datagrams are received, as the SDK's client does.
            socket.connect(game);
        }
        socket.configureBlocking(false);
        socket.register(opened, SelectionKey.OP_READ);
        return socket;
    }
}
