package io.purplesector.collector.acc.sharedmemory;

import java.nio.ByteBuffer;

/**
 * SPageFileStatic (C.4), the fields the collector uses: what is driven, where and by whom. ACC
 * writes it when the game instance starts; it is re-read when a session starts.
 *
 * @param carModel Kunos' car id, e.g. "ferrari_488_gt3"
 * @param sectorCount timing sectors of the track
 * @param maxFuel the tank's capacity, litres
 */
public record StaticPage(String sharedMemoryVersion, String gameVersion, int numberOfSessions, int numCars,
        String carModel, String track, String playerName, String playerSurname, String playerNick, int sectorCount,
        int maxRpm, float maxFuel, boolean online) {

    // Offsets of C.4, computed from ACCSMDOC v1.8.12's field order with pack(4).
    static final int SM_VERSION = 0;
    static final int AC_VERSION = 30;
    static final int VERSION_UNITS = 15;
    static final int NUMBER_OF_SESSIONS = 60;
    static final int NUM_CARS = 64;
    static final int CAR_MODEL = 68;
    static final int TRACK = 134;
    static final int PLAYER_NAME = 200;
    static final int PLAYER_SURNAME = 266;
    static final int PLAYER_NICK = 332;
    static final int NAME_UNITS = 33;
    static final int SECTOR_COUNT = 400;
    static final int MAX_RPM = 412;
    static final int MAX_FUEL = 416;
    static final int IS_ONLINE = 684;

    /** Decodes the first 820 bytes of the buffer's remaining ones; anything shorter is refused. */
    public static StaticPage decode(ByteBuffer bytes) {
        ByteBuffer page = PageFields.of(bytes, Page.STATIC);
        return new StaticPage(PageFields.text(page, SM_VERSION, VERSION_UNITS),
                PageFields.text(page, AC_VERSION, VERSION_UNITS), page.getInt(NUMBER_OF_SESSIONS),
                page.getInt(NUM_CARS), PageFields.text(page, CAR_MODEL, NAME_UNITS),
                PageFields.text(page, TRACK, NAME_UNITS), PageFields.text(page, PLAYER_NAME, NAME_UNITS),
                PageFields.text(page, PLAYER_SURNAME, NAME_UNITS), PageFields.text(page, PLAYER_NICK, NAME_UNITS),
                page.getInt(SECTOR_COUNT), page.getInt(MAX_RPM), page.getFloat(MAX_FUEL),
                PageFields.flag(page, IS_ONLINE));
    }

    /** "First Last", or the nickname when the game gives no name. */
    public String driver() {
        String name = (playerName + " " + playerSurname).strip();
        return name.isEmpty() ? playerNick : name;
    }
}
