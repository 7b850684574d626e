package io.purplesector.collector.ac.protocol;

import io.purplesector.collector.ac.protocol.MalformedDatagramException.Kind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the game's datagrams exactly as game-protocols.md part A lays them out: the structure is
 * chosen by the datagram's length (408, 328, 212), numbers are little-endian, names are 50
 * UTF-16LE code units cut at the game's '%' terminator, padding is skipped. Anything else is a
 * {@link MalformedDatagramException} naming what is wrong; nothing is guessed.
 *
 * <p>Stateless and thread-safe.
 */
public final class AcDecoder {

    private static final int NAME_BYTES = 100;

    /**
     * Decodes one datagram (the buffer's remaining bytes; its position is left alone).
     *
     * @throws MalformedDatagramException when the bytes are not one of the game's structures
     */
    public AcDatagram decode(ByteBuffer datagram) {
        ByteBuffer in = datagram.slice().order(ByteOrder.LITTLE_ENDIAN);
        return switch (in.remaining()) {
            case CarInfo.SIZE -> carInfo(in);
            case HandshakeResponse.SIZE -> handshakeResponse(in);
            case LapEvent.SIZE -> lapEvent(in);
            default -> throw new MalformedDatagramException(Kind.WRONG_SIZE,
                    "a datagram of " + in.remaining() + " bytes is none of the game's (408, 328, 212)");
        };
    }

    private static HandshakeResponse handshakeResponse(ByteBuffer in) {
        return new HandshakeResponse(name(in, 0), name(in, 100), in.getInt(200), in.getInt(204), name(in, 208),
                name(in, 308));
    }

    private static LapEvent lapEvent(ByteBuffer in) {
        LapEvent lap = new LapEvent(in.getInt(0), in.getInt(4), name(in, 8), name(in, 108), in.getInt(208));
        if (lap.lap() < 0 || lap.timeMillis() < 0) {
            throw new MalformedDatagramException(Kind.OUT_OF_RANGE,
                    "lap " + lap.lap() + " in " + lap.timeMillis() + " ms");
        }
        return lap;
    }

    private static CarInfo carInfo(ByteBuffer in) {
        // Byte 0 is 'a'; bytes 1-3 are padding with whatever was in memory (not checked).
        if (in.get(0) != CarInfo.IDENTIFIER || in.getInt(4) != CarInfo.SIZE) {
            throw new MalformedDatagramException(Kind.WRONG_IDENTIFIER,
                    "car info starts with " + in.get(0) + " and says it has " + in.getInt(4) + " bytes");
        }
        CarInfo car = new CarInfo(
                in.getFloat(8), in.getFloat(12), in.getFloat(16),
                bool(in, 20), bool(in, 21), bool(in, 22), bool(in, 23), bool(in, 24), bool(in, 25),
                // 26-27: padding
                in.getFloat(28), in.getFloat(32), in.getFloat(36),
                in.getInt(40), in.getInt(44), in.getInt(48), in.getInt(52),
                in.getFloat(56), in.getFloat(60), in.getFloat(64), in.getFloat(68), in.getFloat(72), in.getInt(76),
                in.getFloat(80),
                wheels(in, 84), wheels(in, 100), wheels(in, 116), wheels(in, 132), wheels(in, 148), wheels(in, 164),
                wheels(in, 180), wheels(in, 196), wheels(in, 212), wheels(in, 228), wheels(in, 244), wheels(in, 260),
                wheels(in, 276), wheels(in, 292),
                in.getFloat(308), in.getFloat(312), in.getFloat(316), in.getFloat(320), in.getFloat(324));
        requireFinite(in);
        if (car.lapCount() < 0 || car.lapTimeMillis() < 0 || car.lastLapMillis() < 0 || car.bestLapMillis() < 0
                || car.rawGear() < 0) {
            throw new MalformedDatagramException(Kind.OUT_OF_RANGE, "lap count " + car.lapCount() + ", lap times "
                    + car.lapTimeMillis() + "/" + car.lastLapMillis() + "/" + car.bestLapMillis() + ", gear "
                    + car.rawGear());
        }
        return car;
    }

    /** Every float field of a car info: 8-16, 28-36, 56-72, 80-324 (the ints at 40-52 and 76 excepted). */
    private static void requireFinite(ByteBuffer in) {
        for (int offset = 8; offset < CarInfo.SIZE; offset += 4) {
            boolean floatField = offset != 20 && offset != 24 && (offset < 40 || offset > 52) && offset != 76;
            if (floatField && !Float.isFinite(in.getFloat(offset))) {
                throw new MalformedDatagramException(Kind.NON_FINITE,
                        "car info has " + in.getFloat(offset) + " at offset " + offset);
            }
        }
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
     * sometimes with a NUL; both cut it.
     */
    private static String name(ByteBuffer in, int offset) {
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
                throw new MalformedDatagramException(Kind.BAD_TEXT, "a name with unreadable characters");
            }
        }
        return text;
    }
}
