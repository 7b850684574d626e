package io.purplesector.collector.ac.simulator;

import io.purplesector.carmodel.drive.Car;
import io.purplesector.carmodel.track.Circuit;
import io.purplesector.carmodel.track.Circuits;
import io.purplesector.collector.ac.protocol.AcEncoder;
import io.purplesector.collector.ac.protocol.CarInfo;
import io.purplesector.collector.ac.protocol.Decoded;
import io.purplesector.collector.ac.protocol.HandshakeResponse;
import io.purplesector.collector.ac.protocol.Handshaker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for Assetto Corsa's remote telemetry, speaking the same UDP protocol: it answers
 * handshakes, keeps its listeners per client address as the game does, sends car data to update
 * subscribers at the physics rate and lap events to spot subscribers, and forgets clients that
 * dismiss themselves. It announces the car and circuit the shared car model actually drives. A
 * test tool, kept out of the collector's jar; for a game on this machine without Assetto Corsa,
 * see the module's README ("The simulator").
 */
public final class AcSimulator implements AutoCloseable {

    /**
     * What the simulated game plays.
     *
     * @param rateHz car-info datagrams per second of game time (AC: one per physics step)
     * @param timeScale game seconds per real second: 1 plays live, 10 drives a lap in a tenth of the time
     * @param laps laps to drive before going silent, 0 for ever
     */
    public record Settings(String driver, int rateHz, double timeScale, long seed, int laps) {

        public static Settings defaults() {
            return new Settings("Sim Driver", 333, 1, 42, 0);
        }

        public Settings withSpeed(int rateHz, double timeScale, int laps) {
            return new Settings(driver, rateHz, timeScale, seed, laps);
        }
    }

    /** The circuit and car the simulated game drives, and announces. */
    static final Circuit CIRCUIT = Circuits.PURPLE_PARK;
    static final Car CAR = Car.PURPLE_GT3;

    /** Car-info datagrams kept for tests to compare with. */
    private static final int KEPT = 500_000;

    private final Settings settings;
    private final DatagramChannel channel;
    private final AcEncoder encoder = new AcEncoder();
    private final Set<SocketAddress> updateListeners = ConcurrentHashMap.newKeySet();
    private final Set<SocketAddress> spotListeners = ConcurrentHashMap.newKeySet();
    private final Set<SocketAddress> greeted = new HashSet<>();
    private final List<CarInfo> sent = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    private AcSimulator(Settings settings, DatagramChannel channel) {
        this.settings = settings;
        this.channel = channel;
        this.thread = new Thread(this::run, "ac-simulator");
        this.thread.setDaemon(true);
    }

    /** Starts a game on {@code port} of the loopback and wildcard addresses (0: any free port). */
    public static AcSimulator start(int port, Settings settings) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(port));
        AcSimulator simulator = new AcSimulator(settings, channel);
        simulator.thread.start();
        return simulator;
    }

    public int port() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The car-info datagrams sent so far (to any listener), in order. */
    public List<CarInfo> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /**
     * Sends bytes to every car-data subscriber as if the game had: for tests of what the
     * collector does with datagrams that are not the game's.
     */
    public void sendRaw(byte[] datagram) throws IOException {
        for (SocketAddress listener : updateListeners) {
            channel.send(ByteBuffer.wrap(datagram), listener);
        }
    }

    /** Clients subscribed to car data right now. */
    public int updateListeners() {
        return updateListeners.size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        stopped.await(5, TimeUnit.SECONDS);
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run() {
        try {
            channel.configureBlocking(false);
            SimulatedCar car = new SimulatedCar(settings);
            long periodNanos = (long) (1_000_000_000L / settings.rateHz() / settings.timeScale());
            long next = System.nanoTime();
            ByteBuffer request = ByteBuffer.allocate(2048);
            while (running) {
                for (SocketAddress client = receive(request); client != null; client = receive(request)) {
                    answer(client, request);
                }
                long now = System.nanoTime();
                if (now >= next) {
                    next += periodNanos;
                    if (!updateListeners.isEmpty() && !car.finished()) {
                        send(car.advance());
                    }
                } else {
                    TimeUnit.NANOSECONDS.sleep(Math.min(next - now, 1_000_000));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The simulated game failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /** A lap event goes out after the car info of the step that ended the lap, as the game sends them. */
    private void send(SimulatedCar.Step step) throws IOException {
        if (step.car() != null) {
            broadcast(updateListeners, encoder.encode(step.car()));
            if (sent.size() < KEPT) {
                sent.add(step.car());
            }
        }
        if (step.lap() != null) {
            broadcast(spotListeners, encoder.encode(step.lap()));
        }
    }

    private SocketAddress receive(ByteBuffer request) throws IOException {
        request.clear();
        SocketAddress client = channel.receive(request);
        request.flip();
        return client;
    }

    /** What the game does with a client's request; anything it cannot read is ignored, as the game does. */
    private void answer(SocketAddress client, ByteBuffer request) throws IOException {
        if (!(Handshaker.decode(request) instanceof Decoded.Ok<Handshaker> ok)) {
            return;
        }
        Handshaker handshaker = ok.value();
        switch (handshaker.operation()) {
            case HANDSHAKE -> {
                greeted.add(client);
                channel.send(ByteBuffer.wrap(encoder.encode(new HandshakeResponse(CAR.name(), settings.driver(),
                        4242, 1, CIRCUIT.name(), ""))), client);
            }
            case SUBSCRIBE_UPDATE -> {
                if (greeted.contains(client)) {
                    updateListeners.add(client);
                }
            }
            case SUBSCRIBE_SPOT -> {
                if (greeted.contains(client)) {
                    spotListeners.add(client);
                }
            }
            case DISMISS -> {
                greeted.remove(client);
                updateListeners.remove(client);
                spotListeners.remove(client);
            }
        }
    }

    private void broadcast(Set<SocketAddress> listeners, byte[] datagram) throws IOException {
        for (SocketAddress listener : listeners) {
            channel.send(ByteBuffer.wrap(datagram), listener);
        }
    }

    /** Runs a simulated game until killed: {@code [port (9996)] [rate Hz (333)] [seed (42)]}. */
    public static void main(String[] args) throws Exception {
        Settings defaults = Settings.defaults();
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9996;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : defaults.rateHz();
        long seed = args.length > 2 ? Long.parseLong(args[2]) : defaults.seed();
        try (AcSimulator simulator = start(port, new Settings(defaults.driver(), rate, 1, seed, 0))) {
            LoggerFactory.getLogger(AcSimulator.class).info("Simulated Assetto Corsa on UDP port {}, {} Hz; Ctrl-C to stop",
                    simulator.port(), rate);
            Thread.currentThread().join();
        }
    }
}
