package io.purplesector.collector.acc.sharedmemory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SPageFileGraphic (C.3), the fields the collector uses: the session, the player's lap and
 * timing, and where every car on track is. Times in milliseconds unless named otherwise.
 *
 * @param status ACC_STATUS (C.5): 0 off, 1 replay, 2 live, 3 pause
 * @param sessionType ACC_SESSION_TYPE (C.5), raw: its numbering differs from broadcasting's
 * @param flag ACC_FLAG_TYPE (C.5), raw
 * @param cars the cars on track, at most {@link #MAX_CARS}: each car's index and world position
 * @param tcLevel traction control setting, 0 off
 * @param absLevel ABS setting, 0 off
 * @param clockSeconds time of day, seconds since midnight
 */
public record GraphicsPage(int packetId, int status, int sessionType, int completedLaps, int position,
        int currentLapMs, int lastLapMs, int bestLapMs, float sessionTimeLeftMs, float distanceTraveled,
        boolean inPit, int currentSectorIndex, int lastSectorMs, int numberOfLaps, String tyreCompound,
        float normalizedCarPosition, List<CarPosition> cars, int playerCarId, int flag, boolean inPitLane,
        int tcLevel, int absLevel, int sessionIndex, int deltaLapMs, int splitMs, boolean validLap,
        float fuelPerLap, int gapAheadMs, int gapBehindMs, float clockSeconds) {

    /** Slots of the carCoordinates and carID arrays. */
    public static final int MAX_CARS = 60;

    /** ACC_STATUS: the game is off, in a replay, live, paused (C.5). */
    public static final int STATUS_OFF = 0;
    public static final int STATUS_LIVE = 2;

    // Offsets of C.3, computed from ACCSMDOC v1.8.12's field order with pack(4).
    static final int PACKET_ID = 0;
    static final int STATUS = 4;
    static final int SESSION = 8;
    static final int COMPLETED_LAPS = 132;
    static final int POSITION = 136;
    static final int I_CURRENT_TIME = 140;
    static final int I_LAST_TIME = 144;
    static final int I_BEST_TIME = 148;
    static final int SESSION_TIME_LEFT = 152;
    static final int DISTANCE_TRAVELED = 156;
    static final int IS_IN_PIT = 160;
    static final int CURRENT_SECTOR_INDEX = 164;
    static final int LAST_SECTOR_TIME = 168;
    static final int NUMBER_OF_LAPS = 172;
    static final int TYRE_COMPOUND = 176;
    static final int TYRE_COMPOUND_UNITS = 33;
    static final int NORMALIZED_CAR_POSITION = 248;
    static final int ACTIVE_CARS = 252;
    static final int CAR_COORDINATES = 256;
    static final int CAR_ID = 976;
    static final int PLAYER_CAR_ID = 1216;
    static final int FLAG = 1224;
    static final int IS_IN_PIT_LANE = 1236;
    static final int TC = 1268;
    static final int ABS = 1280;
    static final int FUEL_X_LAP = 1284;
    static final int SESSION_INDEX = 1320;
    static final int I_DELTA_LAP_TIME = 1360;
    static final int I_SPLIT = 1404;
    static final int IS_VALID_LAP = 1408;
    static final int CLOCK = 1488;
    static final int GAP_AHEAD = 1580;
    static final int GAP_BEHIND = 1584;

    /** A car on track: its index (the broadcasting protocol's car index) and world position. */
    public record CarPosition(int carId, Vector3 world) {
    }

    public GraphicsPage {
        cars = List.copyOf(cars);
    }

    /**
     * Decodes the first 1588 bytes of the buffer's remaining ones; anything shorter is refused.
     * An active car count outside 0–60 is clamped: the arrays have 60 slots whatever it says.
     */
    public static GraphicsPage decode(ByteBuffer bytes) {
        ByteBuffer page = PageFields.of(bytes, Page.GRAPHICS);
        int activeCars = Math.max(0, Math.min(MAX_CARS, page.getInt(ACTIVE_CARS)));
        List<CarPosition> cars = new ArrayList<>(activeCars);
        for (int slot = 0; slot < activeCars; slot++) {
            cars.add(new CarPosition(page.getInt(CAR_ID + 4 * slot),
                    PageFields.vector(page, CAR_COORDINATES + 12 * slot)));
        }
        return new GraphicsPage(page.getInt(PACKET_ID), page.getInt(STATUS), page.getInt(SESSION),
                page.getInt(COMPLETED_LAPS), page.getInt(POSITION), page.getInt(I_CURRENT_TIME),
                page.getInt(I_LAST_TIME), page.getInt(I_BEST_TIME), page.getFloat(SESSION_TIME_LEFT),
                page.getFloat(DISTANCE_TRAVELED), PageFields.flag(page, IS_IN_PIT),
                page.getInt(CURRENT_SECTOR_INDEX), page.getInt(LAST_SECTOR_TIME), page.getInt(NUMBER_OF_LAPS),
                PageFields.text(page, TYRE_COMPOUND, TYRE_COMPOUND_UNITS), page.getFloat(NORMALIZED_CAR_POSITION),
                cars, page.getInt(PLAYER_CAR_ID), page.getInt(FLAG), PageFields.flag(page, IS_IN_PIT_LANE),
                page.getInt(TC), page.getInt(ABS), page.getInt(SESSION_INDEX), page.getInt(I_DELTA_LAP_TIME),
                page.getInt(I_SPLIT), PageFields.flag(page, IS_VALID_LAP), page.getFloat(FUEL_X_LAP),
                page.getInt(GAP_AHEAD), page.getInt(GAP_BEHIND), page.getFloat(CLOCK));
    }

    /** Where the player's car is, when it is among the cars on track. */
    public Optional<Vector3> playerPosition() {
        return cars.stream().filter(car -> car.carId() == playerCarId).map(CarPosition::world).findFirst();
    }
}
