package io.purplesector.collector.acc.protocol;

import java.util.List;
import java.util.Map;

/**
 * The messages ACC sends a registered client (B.4), each a record of its fields as the game sends
 * them. Enumerations stay raw numbers (a value a newer game adds is kept, not lost); the enums
 * beside them name the known ones.
 */
public sealed interface InboundMessage {

    /** 1: the answer to a registration. {@code writeAccess} false: read-only, commands refused (B.9.4). */
    record RegistrationResult(int connectionId, boolean success, boolean writeAccess, String errorMessage)
            implements InboundMessage {
    }

    /**
     * 2: the session, every update interval. Times in ms; {@code sessionRemainingMs} is what is left
     * (B.9.3); the replay times are 0 unless a replay plays; {@code timeOfDaySeconds} is seconds
     * since midnight; clouds, rain and wetness in tenths.
     */
    record RealtimeUpdate(int eventIndex, int sessionIndex, int sessionType, int sessionPhase, float sessionTimeMs,
            float sessionRemainingMs, int focusedCarIndex, String activeCameraSet, String activeCamera,
            String currentHudPage, boolean replayPlaying, float replaySessionTimeMs, float replayRemainingTimeMs,
            float timeOfDaySeconds, int ambientTemperature, int trackTemperature, int cloudTenths, int rainTenths,
            int wetnessTenths, LapInfo bestSessionLap) implements InboundMessage {
    }

    /** 3: one car, every update interval. {@code rawGear} as sent; see {@link #gear()}. */
    record RealtimeCarUpdate(int carIndex, int driverIndex, int driverCount, int rawGear, float worldX, float worldY,
            float yaw, int carLocation, int kmh, int position, int cupPosition, int trackPosition,
            float splinePosition, int laps, int deltaMs, LapInfo bestSessionLap, LapInfo lastLap, LapInfo currentLap)
            implements InboundMessage {

        /**
         * The gear as the shared schema counts (-1 reverse, 0 neutral, 1 first): raw - 1, which the
         * captures support against the SDK's raw - 2 (B.9.1); the raw byte is kept as well.
         */
        public int gear() {
            return rawGear - 1;
        }
    }

    /** 4: the cars of the session, by index; an {@link EntryListCar} follows for each. */
    record EntryList(int connectionId, List<Integer> carIndexes) implements InboundMessage {

        public EntryList {
            carIndexes = List.copyOf(carIndexes);
        }
    }

    /** 5: the track, its camera sets (name to cameras, in order) and HUD pages. */
    record TrackData(int connectionId, String trackName, int trackId, int trackMeters,
            Map<String, List<String>> cameraSets, List<String> hudPages) implements InboundMessage {

        public TrackData {
            hudPages = List.copyOf(hudPages);
        }
    }

    /** 6: one car of the entry list, its team and drivers. */
    record EntryListCar(int carIndex, int carModelType, String teamName, int raceNumber, int cupCategory,
            int currentDriverIndex, int nationality, List<Driver> drivers) implements InboundMessage {

        public EntryListCar {
            drivers = List.copyOf(drivers);
        }
    }

    /** A driver of an {@link EntryListCar}. {@code category}: DriverCategory (Bronze 0 ... Platinum 3). */
    record Driver(String firstName, String lastName, String shortName, int category, int nationality) {
    }

    /** 7: something happened (a lap completed, a penalty, an accident): its type, text, session time and car. */
    record BroadcastingEvent(int type, String message, int timeMs, int carIndex) implements InboundMessage {
    }
}
