package io.purplesector.collector.acc.simulator;

import io.purplesector.carmodel.drive.Car;
import io.purplesector.carmodel.drive.CarState;
import io.purplesector.carmodel.drive.CompletedLap;
import io.purplesector.carmodel.track.Circuit;
import io.purplesector.carmodel.track.Circuits;
import io.purplesector.collector.acc.protocol.Datagram;
import io.purplesector.collector.acc.protocol.LapInfo;
import io.purplesector.collector.acc.sharedmemory.Page;
import io.purplesector.collector.acc.sharedmemory.PageImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for Assetto Corsa Competizione: a broadcasting server speaking part B of
 * game-protocols.md (registration with passwords, entry list, track data, the session and every
 * car at the client's update interval, lap events) and the three shared-memory pages as files of
 * 2048 bytes, as a Linux bridge creates them (C.8), written at the physics rate for the player's
 * car, car 0. Several cars of the shared car model drive the circuit. {@link #restart()} plays a
 * game restarting: silence, then a fresh game that knows no client.
 *
 * <p>Either source can be left out, for the collector's degraded modes. Runs on one thread.
 */
public final class AccSimulator implements AutoCloseable {

    /** The circuit and car the simulated game drives, and announces. */
    static final Circuit CIRCUIT = Circuits.PURPLE_PARK;
    static final Car CAR = Car.PURPLE_GT3;
    /** What the static page and the entry list say. */
    static final String DRIVER_FIRST = "Sim";
    static final String DRIVER_LAST = "Driver";
    private static final int BRIDGE_FILE_SIZE = 2048;
    /** Practice in both numberings (B.6 RaceSessionType, C.5 ACC_SESSION_TYPE). */
    private static final int PRACTICE = 0;
    private static final int SESSION_PHASE_SESSION = 5;
    private static final int STATUS_LIVE = 2;
    private static final int STATUS_OFF = 0;

    /**
     * What the simulated game plays.
     *
     * @param host the address the broadcasting server listens on (127.0.0.1; 0.0.0.0 in a container)
     * @param port the broadcasting port; 0 for any free one
     * @param broadcasting whether broadcasting answers
     * @param pages where the page files go; null: no shared memory (another PC)
     * @param cars cars on track, the player's (index 0) among them
     * @param physicsHz steps per second of game time
     * @param timeScale game seconds per real second
     */
    public record Settings(String host, int port, boolean broadcasting, @Nullable Path pages, int cars, int physicsHz,
            double timeScale, long seed, String connectionPassword, String commandPassword) {

        public static Settings both(Path pages) {
            return new Settings("127.0.0.1", 0, true, pages, 4, 60, 1, 42, "asd", "");
        }

        public Settings withTimeScale(double scale) {
            return new Settings(host, port, broadcasting, pages, cars, physicsHz, scale, seed, connectionPassword,
                    commandPassword);
        }

        public Settings withoutBroadcasting() {
            return new Settings(host, port, false, pages, cars, physicsHz, timeScale, seed, connectionPassword,
                    commandPassword);
        }

        public Settings withoutPages() {
            return new Settings(host, port, broadcasting, null, cars, physicsHz, timeScale, seed, connectionPassword,
                    commandPassword);
        }

        public Settings withCommandPassword(String password) {
            return new Settings(host, port, broadcasting, pages, cars, physicsHz, timeScale, seed, connectionPassword,
                    password);
        }
    }

    private final Settings settings;
    private final DatagramChannel socket;
    private final Map<Page, MappedByteBuffer> pageFiles = new EnumMap<>(Page.class);
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(65536);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long restartUntil = Long.MIN_VALUE;
    private List<SimulatedCar> cars = List.of();
    private @Nullable SocketAddress client;
    private int connectionId;
    private int updateIntervalMs = 250;
    private long nextUpdateAt;
    private int packetId;
    private int focusedCar;
    private int sessionIndex;
    private long gameMillis;

    public AccSimulator(Settings settings) throws IOException {
        this.settings = settings;
        this.socket = DatagramChannel.open().bind(new InetSocketAddress(settings.host(), settings.port()));
        socket.configureBlocking(false);
        Path pages = settings.pages();
        if (pages != null) {
            Files.createDirectories(pages);
            for (Page page : Page.values()) {
                Path file = pages.resolve(page.mappingName());
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    channel.write(ByteBuffer.allocate(BRIDGE_FILE_SIZE));
                    pageFiles.put(page, channel.map(FileChannel.MapMode.READ_WRITE, 0, BRIDGE_FILE_SIZE));
                }
            }
        }
        newGame();
        this.thread = new Thread(this::run, "acc-simulator");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs the simulated game until stopped: {@code [port (9000)] [pages directory (target/acc-shm)]
     * [cars (4)] [physics Hz (333)] [listen address (127.0.0.1)]}, with the connection password
     * "asd" and no command password.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
        Path pages = Path.of(args.length > 1 ? args[1] : "target/acc-shm");
        int cars = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int physicsHz = args.length > 3 ? Integer.parseInt(args[3]) : 333;
        String host = args.length > 4 ? args[4] : "127.0.0.1";
        try (AccSimulator game = new AccSimulator(new Settings(host, port, true, pages, cars, physicsHz, 1, 42, "asd",
                ""))) {
            org.slf4j.LoggerFactory.getLogger(AccSimulator.class).info(
                    "ACC simulator: broadcasting on {}:{}, pages in {}, {} cars at {} Hz", host, game.port(),
                    pages.toAbsolutePath(), cars, physicsHz);
            game.thread.join();
        }
    }

    /** The broadcasting port. */
    public int port() {
        return ((InetSocketAddress) socketAddress()).getPort();
    }

    /** Every request received, by name (e.g. "register asd", "entry list 1", "unregister 1"). */
    public List<String> received() {
        return received;
    }

    /** The game closes and starts again after {@code millis}: no answer meanwhile, then no client known. */
    public void restart(long millis) {
        restartUntil = System.currentTimeMillis() + millis;
    }

    @Override
    public void close() throws IOException {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }

    private SocketAddress socketAddress() {
        try {
            return socket.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void newGame() {
        List<SimulatedCar> grid = new ArrayList<>();
        for (int index = 0; index < settings.cars(); index++) {
            grid.add(new SimulatedCar(index, settings.seed() + index, settings.physicsHz()));
        }
        cars = grid;
        client = null;
        focusedCar = 0;
        gameMillis = 0;
        sessionIndex++;
    }

    private void run() {
        long stepNanos = (long) (TimeUnit.SECONDS.toNanos(1) / (settings.physicsHz() * settings.timeScale()));
        long next = System.nanoTime();
        try {
            while (running) {
                long now = System.currentTimeMillis();
                if (now < restartUntil) {
                    writeStatic(STATUS_OFF);
                    drainRequests(false);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                    continue;
                }
                if (restartUntil != Long.MIN_VALUE) {
                    restartUntil = Long.MIN_VALUE;
                    newGame();
                }
                drainRequests(settings.broadcasting());
                step();
                if (client != null && now >= nextUpdateAt) {
                    nextUpdateAt = now + updateIntervalMs;
                    sendUpdates();
                }
                next += stepNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else if (wait < -TimeUnit.SECONDS.toNanos(1)) {
                    next = System.nanoTime();
                }
            }
        } catch (IOException e) {
            if (running) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void step() throws IOException {
        gameMillis += 1000 / settings.physicsHz();
        for (SimulatedCar car : cars) {
            car.step();
        }
        packetId++;
        writePages();
        if (client != null) {
            for (SimulatedCar car : cars) {
                CompletedLap lap = car.justCompleted();
                if (lap != null) {
                    send(Datagram.of(7).u8(5).string(lapText(lap.timeMillis())).i32((int) gameMillis).i32(car.index)
                            .bytes());
                }
            }
        }
    }

    // --- Broadcasting (B.3, B.4) ---

    private void drainRequests(boolean answer) throws IOException {
        for (SocketAddress from = receive(); from != null; from = receive()) {
            if (!answer || !buffer.hasRemaining()) {
                continue;
            }
            ByteBuffer request = buffer.order(ByteOrder.LITTLE_ENDIAN);
            int type = Byte.toUnsignedInt(request.get());
            switch (type) {
                case 1 -> register(request, from);
                case 9 -> {
                    received.add("unregister " + (request.remaining() >= 4 ? request.getInt() : -1));
                    client = null;
                }
                case 10 -> {
                    received.add("entry list " + request.getInt());
                    sendEntryList();
                }
                case 11 -> {
                    received.add("track data " + request.getInt());
                    sendTrackData();
                }
                case 49 -> received.add("hud " + request.getInt() + " " + string(request));
                case 50 -> focus(request);
                case 51 -> received.add("replay " + request.getInt() + " " + request.getFloat() + " "
                        + request.getFloat() + " " + request.getInt() + " " + string(request) + " " + string(request));
                default -> received.add("request " + type);
            }
        }
    }

    private void focus(ByteBuffer request) {
        StringBuilder focus = new StringBuilder("focus ").append(request.getInt());
        if (request.get() != 0) {
            focusedCar = Short.toUnsignedInt(request.getShort());
            focus.append(" car ").append(focusedCar);
        }
        if (request.get() != 0) {
            focus.append(" camera ").append(string(request)).append('/').append(string(request));
        }
        received.add(focus.toString());
    }

    private void register(ByteBuffer request, SocketAddress from) throws IOException {
        request.get();
        String name = string(request);
        String password = string(request);
        int interval = request.getInt();
        String commandPassword = string(request);
        received.add("register " + name + " " + password + " " + interval);
        boolean accepted = password.equals(settings.connectionPassword());
        boolean write = accepted && commandPassword.equals(settings.commandPassword());
        if (accepted) {
            client = from;
            connectionId++;
            updateIntervalMs = Math.max(10, interval);
            nextUpdateAt = 0;
        }
        String message = !accepted ? "Wrong password" : write ? "" : "Wrong command mode password, readonly access granted";
        socket.send(ByteBuffer.wrap(Datagram.of(1).i32(accepted ? connectionId : -1).u8(accepted ? 1 : 0)
                .u8(write ? 1 : 0).string(message).bytes()), from);
    }

    private void sendEntryList() throws IOException {
        Datagram list = Datagram.of(4).i32(connectionId).u16(cars.size());
        cars.forEach(car -> list.u16(car.index));
        send(list.bytes());
        for (SimulatedCar car : cars) {
            send(Datagram.of(6).u16(car.index).u8(1).string("Purple Sector " + car.index).i32(car.index + 1).u8(0)
                    .u8(0).u16(2).u8(1).string(car.index == 0 ? DRIVER_FIRST : "Rival").string(car.index == 0
                            ? DRIVER_LAST : "No. " + car.index).string("D" + car.index).u8(1).u16(2).bytes());
        }
    }

    private void sendTrackData() throws IOException {
        send(Datagram.of(5).i32(connectionId).string(CIRCUIT.name()).i32(1).i32((int) CIRCUIT.length())
                .u8(2).string("Drivable").u8(2).string("Chase").string("Cockpit")
                .string("Helicam").u8(1).string("Helicam")
                .u8(2).string("Basic HUD").string("Broadcasting").bytes());
    }

    private void sendUpdates() throws IOException {
        SimulatedCar player = cars.get(0);
        Datagram session = Datagram.of(2).u16(0).u16(sessionIndex).u8(PRACTICE).u8(SESSION_PHASE_SESSION)
                .f32(gameMillis).f32(3_600_000f - gameMillis).i32(focusedCar).string("Drivable").string("Cockpit")
                .string("Basic HUD").u8(0).f32(54_000 + gameMillis / 1000f).u8(22).u8(30).u8(1).u8(0).u8(0);
        lap(session, player.lapInfo(player.bestLap()));
        send(session.bytes());
        List<SimulatedCar> order = new ArrayList<>(cars);
        order.sort(Comparator.comparingDouble(SimulatedCar::distance).reversed());
        for (SimulatedCar car : cars) {
            CarState state = car.state();
            int position = order.indexOf(car) + 1;
            Datagram update = Datagram.of(3).u16(car.index).u16(0).u8(1).u8(state.controls().gear() + 1)
                    .f32((float) state.place().x()).f32((float) state.place().z()).f32(0)
                    .u8(state.place().inPitLane() ? 2 : 1).u16((int) Math.round(state.motion().speed() * 3.6))
                    .u16(position).u16(position).u16(position).f32((float) state.place().normalizedPosition())
                    .u16(car.completedLaps()).i32(state.lap().deltaMillis().orElse(0));
            lap(update, car.lapInfo(car.bestLap()));
            lap(update, car.lapInfo(car.lastLap()));
            update.i32(state.lap().timeMillis()).u16(car.index).u16(0).u8(0).u8(state.lap().valid() ? 0 : 1).u8(1)
                    .u8(0).u8(0);
            send(update.bytes());
        }
    }

    private static void lap(Datagram datagram, LapInfo lap) {
        datagram.lap(lap.lapTimeMs(), lap.carIndex(), lap.driverIndex(), lap.splitsMs(), lap.invalid(),
                lap.validForBest(), lap.outLap(), lap.inLap());
    }

    private void send(byte[] datagram) throws IOException {
        SocketAddress to = client;
        if (to != null) {
            socket.send(ByteBuffer.wrap(datagram), to);
        }
    }

    private @Nullable SocketAddress receive() throws IOException {
        buffer.clear();
        SocketAddress from = socket.receive(buffer);
        buffer.flip();
        return from;
    }

    private static String string(ByteBuffer in) {
        byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String lapText(int millis) {
        return String.format("%d:%02d.%03d", millis / 60_000, millis / 1000 % 60, millis % 1000);
    }

    // --- Shared memory (C.2-C.4), the player's car ---

    private void writePages() {
        if (pageFiles.isEmpty()) {
            return;
        }
        SimulatedCar player = cars.get(0);
        CarState state = player.state();
        CarState.Controls controls = state.controls();
        float lateral = (float) state.motion().lateralG();
        float longitudinal = (float) state.motion().longitudinalG();
        float tyre = (float) state.condition().tyreTemperature();
        float brake = (float) state.condition().brakeTemperature();
        write(Page.PHYSICS, PageImage.of(Page.PHYSICS).i32(0, packetId).f32(4, (float) controls.throttle())
                .f32(8, (float) controls.brake()).f32(12, (float) state.condition().fuel())
                .i32(16, controls.gear() + 1).i32(20, (int) Math.round(controls.rpm()))
                .f32(24, (float) controls.steering()).f32(28, (float) (state.motion().speed() * 3.6))
                .vector(44, lateral, 1, longitudinal).wheels(88, 27.5f, 27.5f, 27.2f, 27.2f)
                .wheels(152, tyre, tyre, tyre - 3, tyre - 3).wheels(348, brake, brake, brake - 80, brake - 80)
                .f32(364, (float) controls.clutch()));
        CompletedLap last = player.lastLap();
        CompletedLap best = player.bestLap();
        PageImage graphics = PageImage.of(Page.GRAPHICS).i32(0, packetId).i32(4, STATUS_LIVE).i32(8, PRACTICE)
                .i32(132, player.completedLaps()).i32(136, 1).i32(140, state.lap().timeMillis())
                .i32(144, last == null ? LapInfo.NO_TIME : last.timeMillis())
                .i32(148, best == null ? LapInfo.NO_TIME : best.timeMillis())
                .i32(164, state.lap().sector()).f32(248, (float) state.place().normalizedPosition())
                .i32(252, cars.size()).i32(1216, 0).i32(1236, state.place().inPitLane() ? 1 : 0)
                .i32(1268, 2).i32(1280, 3).i32(1320, sessionIndex).i32(1360, state.lap().deltaMillis().orElse(0))
                .i32(1408, state.lap().valid() ? 1 : 0);
        for (SimulatedCar car : cars) {
            CarState.Place place = car.state().place();
            graphics.vector(256 + 12 * car.index, (float) place.x(), (float) place.y(), (float) place.z())
                    .i32(976 + 4 * car.index, car.index);
        }
        write(Page.GRAPHICS, graphics);
        writeStatic(STATUS_LIVE);
    }

    private void writeStatic(int status) {
        if (pageFiles.isEmpty()) {
            return;
        }
        if (status == STATUS_OFF) {
            // The game's menus: the graphics page says so, the physics page stops.
            write(Page.GRAPHICS, PageImage.of(Page.GRAPHICS).i32(0, packetId).i32(4, STATUS_OFF));
            return;
        }
        write(Page.STATIC, PageImage.of(Page.STATIC).text(0, 15, "1.9").text(30, 15, "1.10.2").i32(60, 1)
                .i32(64, cars.size()).text(68, 33, CAR.name()).text(134, 33, CIRCUIT.name())
                .text(200, 33, DRIVER_FIRST).text(266, 33, DRIVER_LAST).text(332, 33, "SIM")
                .i32(400, CIRCUIT.sectorCount()).i32(412, 8_000).f32(416, 120));
    }

    /** The whole struct in one copy, as the game copies its struct into the mapping. */
    private void write(Page page, PageImage image) {
        pageFiles.get(page).put(0, image.array());
    }
}
