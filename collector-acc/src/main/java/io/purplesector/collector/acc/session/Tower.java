package io.purplesector.collector.acc.session;

import io.purplesector.collector.acc.broadcasting.BroadcastingClient;
import io.purplesector.collector.acc.protocol.CarModels;
import io.purplesector.collector.acc.protocol.InboundMessage.Driver;
import io.purplesector.collector.acc.protocol.InboundMessage.EntryListCar;
import io.purplesector.collector.acc.protocol.InboundMessage.RealtimeCarUpdate;
import io.purplesector.telemetry.proto.CarStanding;
import io.purplesector.telemetry.proto.Standings;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The timing tower: every car broadcasting last told of, in race order, with what the entry list
 * says of it, and the gap to the leader estimated from the distance between them at the car's
 * best lap pace (broadcasting gives positions, laps and lap fractions, not gaps).
 */
final class Tower {

    private Tower() {
    }

    static Standings standings(String sessionId, String userId, long at, Collection<RealtimeCarUpdate> cars,
            @Nullable BroadcastingClient client, int focusedCar, int sessionBestMs) {
        List<RealtimeCarUpdate> order = cars.stream()
                .sorted(Comparator.comparingInt((RealtimeCarUpdate car) -> car.position() == 0
                        ? Integer.MAX_VALUE : car.position()).thenComparing(Tower::distance, Comparator.reverseOrder()))
                .toList();
        double leader = order.isEmpty() ? 0 : distance(order.get(0));
        Standings.Builder standings = Standings.newBuilder().setSessionId(sessionId).setUserId(userId)
                .setTimestamp(at);
        for (RealtimeCarUpdate car : order) {
            int lastMs = Frames.time(car.lastLap().lapTimeMs());
            int bestMs = Frames.time(car.bestSessionLap().lapTimeMs());
            int paceMs = bestMs > 0 ? bestMs : sessionBestMs;
            CarStanding.Builder standing = CarStanding.newBuilder().setCarIndex(car.carIndex())
                    .setPosition(car.position()).setLaps(car.laps()).setLastLapTime(lastMs).setBestLapTime(bestMs)
                    .setGapToLeader(paceMs > 0 ? (int) Math.round((leader - distance(car)) * paceMs) : 0)
                    .setNormalizedPosition(car.splinePosition())
                    .setPitState(Frames.pitState(car.carLocation()))
                    .setWorldX(car.worldX()).setWorldZ(car.worldY())
                    .setFocused(car.carIndex() == focusedCar).setDelta(car.deltaMs());
            EntryListCar entry = client == null ? null : client.car(car.carIndex());
            if (entry != null) {
                standing.setRaceNumber(entry.raceNumber()).setTeam(entry.teamName())
                        .setCarModel(CarModels.name(entry.carModelType())).setDriver(driver(entry, car.driverIndex()));
            }
            standings.addCars(standing);
        }
        return standings.build();
    }

    /** The name of the car's driver now, "First Last". */
    static String driver(EntryListCar car, int driverIndex) {
        if (car.drivers().isEmpty()) {
            return "";
        }
        Driver driver = car.drivers().get(Math.max(0, Math.min(car.drivers().size() - 1, driverIndex)));
        return (driver.firstName() + " " + driver.lastName()).strip();
    }

    /** Laps driven, with the fraction of the current one. */
    private static double distance(RealtimeCarUpdate car) {
        return car.laps() + Math.max(0, Math.min(1, car.splinePosition()));
    }
}
