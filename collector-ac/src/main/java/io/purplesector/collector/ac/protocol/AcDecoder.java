package io.purplesector.collector.ac.protocol;

import static io.purplesector.collector.ac.protocol.AcLayout.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads the game's datagrams exactly as game-protocols.md part A lays them out ({@link AcLayout}):
 * the structure is chosen by the datagram's length (408, 328, 212; AC sends no type byte), numbers
 * are little-endian, names are 50 UTF-16LE code units cut at the game's '%' terminator, padding is
 * skipped. Anything else is {@link Decoded.Malformed}, naming what is wrong; nothing is guessed.
 *
 * <p>Stateless and thread-safe.
 */
public final class AcDecoder {

    /** Decodes one datagram (the buffer's remaining bytes; its position is left alone). */
    public Decoded<AcDatagram> decode(ByteBuffer datagram) {
        ByteBuffer in = datagram.slice().order(ByteOrder.LITTLE_ENDIAN);
        return switch (in.remaining()) {
            case CarInfo.SIZE -> carInfo(in);
            case HandshakeResponse.SIZE -> handshakeResponse(in);
            case LapEvent.SIZE -> lapEvent(in);
            default -> malformed(in, Malformation.WRONG_SIZE,
                    "a datagram of " + in.remaining() + " bytes is none of the game's (408, 328, 212)");
        };
    }

    private static Decoded<AcDatagram> handshakeResponse(ByteBuffer in) {
        String car = name(in, HANDSHAKE_CAR_NAME);
        String driver = name(in, HANDSHAKE_DRIVER_NAME);
        String track = name(in, HANDSHAKE_TRACK_NAME);
        String config = name(in, HANDSHAKE_TRACK_CONFIG);
        if (car == null || driver == null || track == null || config == null) {
            return unreadableName(in);
        }
        return Decoded.ok(new HandshakeResponse(car, driver, in.getInt(HANDSHAKE_IDENTIFIER),
                in.getInt(HANDSHAKE_VERSION), track, config));
    }

    private static Decoded<AcDatagram> lapEvent(ByteBuffer in) {
        String driver = name(in, LAP_DRIVER_NAME);
        String car = name(in, LAP_CAR_NAME);
        if (driver == null || car == null) {
            return unreadableName(in);
        }
        LapEvent lap = new LapEvent(in.getInt(LAP_CAR_IDENTIFIER_NUMBER), in.getInt(LAP_LAP), driver, car,
                in.getInt(LAP_TIME));
        if (lap.lap() < 0 || lap.timeMillis() < 0) {
            return malformed(in, Malformation.OUT_OF_RANGE, "lap " + lap.lap() + " in " + lap.timeMillis() + " ms");
        }
        return Decoded.ok(lap);
    }

    private static Decoded<AcDatagram> carInfo(ByteBuffer in) {
        // Bytes 1-3 are padding with whatever was in memory: not checked.
        if (in.get(CAR_IDENTIFIER) != CarInfo.IDENTIFIER || in.getInt(CAR_SIZE) != CarInfo.SIZE) {
            return malformed(in, Malformation.WRONG_IDENTIFIER, "car info starts with " + in.get(CAR_IDENTIFIER)
                    + " and says it has " + in.getInt(CAR_SIZE) + " bytes");
        }
        for (int offset = CAR_SPEED_KMH; offset < CarInfo.SIZE; offset += Float.BYTES) {
            if (!carFieldIsNotAFloat(offset) && !Float.isFinite(in.getFloat(offset))) {
                return malformed(in, Malformation.NON_FINITE,
                        "car info has " + in.getFloat(offset) + " at offset " + offset);
            }
        }
        CarInfo car = CarInfo.builder()
                .speedKmh(in.getFloat(CAR_SPEED_KMH)).speedMph(in.getFloat(CAR_SPEED_MPH))
                .speedMs(in.getFloat(CAR_SPEED_MS))
                .absEnabled(bool(in, CAR_ABS_ENABLED)).absInAction(bool(in, CAR_ABS_IN_ACTION))
                .tcInAction(bool(in, CAR_TC_IN_ACTION)).tcEnabled(bool(in, CAR_TC_ENABLED))
                .inPit(bool(in, CAR_IN_PIT)).engineLimiterOn(bool(in, CAR_ENGINE_LIMITER_ON))
                .accGVertical(in.getFloat(CAR_ACC_G_VERTICAL)).accGHorizontal(in.getFloat(CAR_ACC_G_HORIZONTAL))
                .accGFrontal(in.getFloat(CAR_ACC_G_FRONTAL))
                .lapTimeMillis(in.getInt(CAR_LAP_TIME)).lastLapMillis(in.getInt(CAR_LAST_LAP))
                .bestLapMillis(in.getInt(CAR_BEST_LAP)).lapCount(in.getInt(CAR_LAP_COUNT))
                .gas(in.getFloat(CAR_GAS)).brake(in.getFloat(CAR_BRAKE)).clutch(in.getFloat(CAR_CLUTCH))
                .engineRpm(in.getFloat(CAR_ENGINE_RPM)).steer(in.getFloat(CAR_STEER)).rawGear(in.getInt(CAR_GEAR))
                .cgHeight(in.getFloat(CAR_CG_HEIGHT))
                .wheelAngularSpeed(wheels(in, CAR_WHEEL_ANGULAR_SPEED)).slipAngle(wheels(in, CAR_SLIP_ANGLE))
                .slipAngleContactPatch(wheels(in, CAR_SLIP_ANGLE_CONTACT_PATCH))
                .slipRatio(wheels(in, CAR_SLIP_RATIO)).tyreSlip(wheels(in, CAR_TYRE_SLIP))
                .ndSlip(wheels(in, CAR_ND_SLIP)).load(wheels(in, CAR_LOAD)).dy(wheels(in, CAR_DY))
                .mz(wheels(in, CAR_MZ)).tyreDirtyLevel(wheels(in, CAR_TYRE_DIRTY_LEVEL))
                .camberRad(wheels(in, CAR_CAMBER_RAD)).tyreRadius(wheels(in, CAR_TYRE_RADIUS))
                .tyreLoadedRadius(wheels(in, CAR_TYRE_LOADED_RADIUS))
                .suspensionHeight(wheels(in, CAR_SUSPENSION_HEIGHT))
                .carPositionNormalized(in.getFloat(CAR_POSITION_NORMALIZED)).carSlope(in.getFloat(CAR_SLOPE))
                .worldX(in.getFloat(CAR_WORLD_X)).worldY(in.getFloat(CAR_WORLD_Y)).worldZ(in.getFloat(CAR_WORLD_Z))
                .build();
        if (car.lapCount() < 0 || car.lapTimeMillis() < 0 || car.lastLapMillis() < 0 || car.bestLapMillis() < 0
                || car.rawGear() < 0) {
            return malformed(in, Malformation.OUT_OF_RANGE, "lap count " + car.lapCount() + ", lap times "
                    + car.lapTimeMillis() + "/" + car.lastLapMillis() + "/" + car.bestLapMillis() + ", gear "
                    + car.rawGear());
        }
        return Decoded.ok(car);
    }

    private static Decoded<AcDatagram> malformed(ByteBuffer in, Malformation reason, String detail) {
        return Decoded.malformed(reason, detail, in.limit());
    }

    private static Decoded<AcDatagram> unreadableName(ByteBuffer in) {
        return malformed(in, Malformation.BAD_TEXT, "a name with unreadable characters");
    }

    private static boolean bool(ByteBuffer in, int offset) {
        return in.get(offset) != 0;
    }

    private static Wheels wheels(ByteBuffer in, int offset) {
        return new Wheels(in.getFloat(offset), in.getFloat(offset + 4), in.getFloat(offset + 8),
                in.getFloat(offset + 12));
    }

    /**
     * A 50-unit UTF-16LE name: the game ends the text with '%' followed by leftover memory, and
     * sometimes with a NUL; both cut it. Null when what remains has control or unreadable characters.
     */
    private static @Nullable String name(ByteBuffer in, int offset) {
        byte[] bytes = new byte[NAME_BYTES];
        in.get(offset, bytes);
        String text = new String(bytes, StandardCharsets.UTF_16LE);
        int percent = text.indexOf('%');
        if (percent >= 0) {
            text = text.substring(0, percent);
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            text = text.substring(0, nul);
        }
        text = text.strip();
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i)) || text.charAt(i) == '\uFFFD') {
                return null;
            }
        }
        return text;
    }
}
