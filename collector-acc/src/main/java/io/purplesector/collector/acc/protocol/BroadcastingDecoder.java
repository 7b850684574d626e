package io.purplesector.collector.acc.protocol;

import io.purplesector.collector.acc.protocol.InboundMessage.BroadcastingEvent;
import io.purplesector.collector.acc.protocol.InboundMessage.Driver;
import io.purplesector.collector.acc.protocol.InboundMessage.EntryList;
import io.purplesector.collector.acc.protocol.InboundMessage.EntryListCar;
import io.purplesector.collector.acc.protocol.InboundMessage.RealtimeCarUpdate;
import io.purplesector.collector.acc.protocol.InboundMessage.RealtimeUpdate;
import io.purplesector.collector.acc.protocol.InboundMessage.RegistrationResult;
import io.purplesector.collector.acc.protocol.InboundMessage.TrackData;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the datagrams ACC's broadcasting sends, exactly as game-protocols.md B.4 and B.5 lay them
 * out: the message type in byte 0, then its fields in order, strings and lap records of variable
 * length, the replay times only while a replay plays. A datagram must hold exactly one message;
 * anything else is {@link Decoded.Malformed}, naming what is wrong.
 *
 * <p>Stateless and thread-safe.
 */
public final class BroadcastingDecoder {

    /** Decodes one datagram (the buffer's remaining bytes; its position is left alone). */
    public Decoded decode(ByteBuffer datagram) {
        int length = datagram.remaining();
        if (length == 0) {
            return new Decoded.Malformed(Malformation.EMPTY, "an empty datagram", 0);
        }
        WireReader in = new WireReader(datagram);
        InboundType type = InboundType.fromCode(in.u8());
        if (type == null) {
            return new Decoded.Malformed(Malformation.UNKNOWN_TYPE,
                    "message type " + Byte.toUnsignedInt(datagram.get(datagram.position())) + " is none of ACC's (1-7)",
                    length);
        }
        try {
            InboundMessage message = switch (type) {
                case REGISTRATION_RESULT -> new RegistrationResult(in.i32(), in.bool(), in.bool(), in.string());
                case REALTIME_UPDATE -> realtimeUpdate(in);
                case REALTIME_CAR_UPDATE -> realtimeCarUpdate(in);
                case ENTRY_LIST -> entryList(in);
                case TRACK_DATA -> trackData(in);
                case ENTRY_LIST_CAR -> entryListCar(in);
                case BROADCASTING_EVENT -> new BroadcastingEvent(in.u8(), in.string(), in.i32(), in.i32());
            };
            in.end();
            return new Decoded.Ok(message);
        } catch (WireReader.Stop stop) {
            return new Decoded.Malformed(stop.reason, type + ": " + stop.getMessage(), length);
        }
    }

    private static RealtimeUpdate realtimeUpdate(WireReader in) {
        int eventIndex = in.u16();
        int sessionIndex = in.u16();
        int sessionType = in.u8();
        int sessionPhase = in.u8();
        float sessionTime = in.f32();
        float sessionRemaining = in.f32();
        int focusedCar = in.i32();
        String cameraSet = in.string();
        String camera = in.string();
        String hudPage = in.string();
        boolean replayPlaying = in.bool();
        // Only while a replay plays (B.4): otherwise the next field follows at once.
        float replaySessionTime = replayPlaying ? in.f32() : 0;
        float replayRemainingTime = replayPlaying ? in.f32() : 0;
        return new RealtimeUpdate(eventIndex, sessionIndex, sessionType, sessionPhase, sessionTime, sessionRemaining,
                focusedCar, cameraSet, camera, hudPage, replayPlaying, replaySessionTime, replayRemainingTime,
                in.f32(), in.u8(), in.u8(), in.u8(), in.u8(), in.u8(), lapInfo(in));
    }

    private static RealtimeCarUpdate realtimeCarUpdate(WireReader in) {
        return new RealtimeCarUpdate(in.u16(), in.u16(), in.u8(), in.u8(), in.f32(), in.f32(), in.f32(), in.u8(),
                in.u16(), in.u16(), in.u16(), in.u16(), in.f32(), in.u16(), in.i32(), lapInfo(in), lapInfo(in),
                lapInfo(in));
    }

    private static EntryList entryList(WireReader in) {
        int connectionId = in.i32();
        int count = in.u16();
        List<Integer> cars = new ArrayList<>(Math.min(count, in.remaining() / 2));
        for (int i = 0; i < count; i++) {
            cars.add(in.u16());
        }
        return new EntryList(connectionId, cars);
    }

    private static TrackData trackData(WireReader in) {
        int connectionId = in.i32();
        String trackName = in.string();
        int trackId = in.i32();
        int trackMeters = in.i32();
        Map<String, List<String>> cameraSets = new LinkedHashMap<>();
        for (int set = in.u8(); set > 0; set--) {
            String name = in.string();
            List<String> cameras = new ArrayList<>();
            for (int camera = in.u8(); camera > 0; camera--) {
                cameras.add(in.string());
            }
            cameraSets.put(name, List.copyOf(cameras));
        }
        List<String> hudPages = new ArrayList<>();
        for (int page = in.u8(); page > 0; page--) {
            hudPages.add(in.string());
        }
        return new TrackData(connectionId, trackName, trackId, trackMeters, cameraSets, hudPages);
    }

    private static EntryListCar entryListCar(WireReader in) {
        int carIndex = in.u16();
        int model = in.u8();
        String team = in.string();
        int raceNumber = in.i32();
        int cup = in.u8();
        int currentDriver = in.u8();
        int nationality = in.u16();
        List<Driver> drivers = new ArrayList<>();
        for (int driver = in.u8(); driver > 0; driver--) {
            drivers.add(new Driver(in.string(), in.string(), in.string(), in.u8(), in.u16()));
        }
        return new EntryListCar(carIndex, model, team, raceNumber, cup, currentDriver, nationality, drivers);
    }

    /** B.5: 13 + 4 × splits bytes. */
    private static LapInfo lapInfo(WireReader in) {
        int lapTime = in.i32();
        int carIndex = in.u16();
        int driverIndex = in.u16();
        int splitCount = in.u8();
        List<Integer> splits = new ArrayList<>(splitCount);
        for (int i = 0; i < splitCount; i++) {
            splits.add(in.i32());
        }
        return new LapInfo(lapTime, carIndex, driverIndex, splits, in.bool(), in.bool(), in.bool(), in.bool());
    }
}
