package io.purplesector.collector.ac.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.purplesector.testsupport.BadInput;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Datagrams written byte by byte from the offsets of game-protocols.md part A, not with our encoder. */
class AcDecoderTest {

    private final AcDecoder decoder = new AcDecoder();

    @Test
    void handshakeResponseNamesAreCutAtTheGamesPercentTerminator() {
        ByteBuffer bytes = little(408);
        utf16(bytes, 0, "bmw_m3_e30_gra%\u0013garbage");
        utf16(bytes, 100, "Jane Driver%");
        bytes.putInt(200, 4242).putInt(204, 1);
        utf16(bytes, 208, "ks_monza66%leftover");
        utf16(bytes, 308, "full\0zzz");

        assertThat(decoder.decode(bytes.rewind())).isEqualTo(Decoded.ok(
                new HandshakeResponse("bmw_m3_e30_gra", "Jane Driver", 4242, 1, "ks_monza66", "full")));
    }

    @Test
    void carInfoFieldsComeFromTheirDocumentedOffsets() {
        ByteBuffer bytes = little(328);
        bytes.put(0, (byte) 'a').put(1, (byte) '3').put(4 + 0, (byte) 0).putInt(4, 328);
        bytes.putFloat(8, 209.45f).putFloat(12, 130.1f).putFloat(16, 58.18f);
        bytes.put(20, (byte) 1).put(21, (byte) 0).put(22, (byte) 1).put(23, (byte) 1).put(24, (byte) 0).put(25, (byte) 1);
        bytes.put(26, (byte) 0x7F).put(27, (byte) 0x7F);
        bytes.putFloat(28, 0.1f).putFloat(32, -1.2f).putFloat(36, 0.8f);
        bytes.putInt(40, 12345).putInt(44, 77288).putInt(48, 77288).putInt(52, 1);
        bytes.putFloat(56, 1f).putFloat(60, 0.25f).putFloat(64, 1f).putFloat(68, 6832.7f).putFloat(72, -8.5f);
        bytes.putInt(76, 6).putFloat(80, 0.42f);
        for (int i = 0; i < 14; i++) {
            for (int wheel = 0; wheel < 4; wheel++) {
                bytes.putFloat(84 + 16 * i + 4 * wheel, i * 10 + wheel);
            }
        }
        bytes.putFloat(308, 0.5f).putFloat(312, 0.01f).putFloat(316, -176.48f).putFloat(320, -6.58f)
                .putFloat(324, 102.82f);

        CarInfo car = (CarInfo) decoded(bytes.rewind());

        assertThat(car.speedKmh()).isEqualTo(209.45f);
        assertThat(car.speedMs()).isEqualTo(58.18f);
        assertThat(car.absEnabled()).isTrue();
        assertThat(car.absInAction()).isFalse();
        assertThat(car.tcInAction()).isTrue();
        assertThat(car.engineLimiterOn()).isTrue();
        assertThat(car.accGHorizontal()).isEqualTo(-1.2f);
        assertThat(car.lapTimeMillis()).isEqualTo(12345);
        assertThat(car.lastLapMillis()).isEqualTo(77288);
        assertThat(car.lapCount()).isEqualTo(1);
        assertThat(car.engineRpm()).isEqualTo(6832.7f);
        assertThat(car.steer()).isEqualTo(-8.5f);
        assertThat(car.rawGear()).isEqualTo(6);
        assertThat(car.gear()).isEqualTo(5);
        assertThat(car.wheelAngularSpeed()).isEqualTo(new Wheels(0, 1, 2, 3));
        assertThat(car.load()).isEqualTo(new Wheels(60, 61, 62, 63));
        assertThat(car.suspensionHeight()).isEqualTo(new Wheels(130, 131, 132, 133));
        assertThat(car.carPositionNormalized()).isEqualTo(0.5f);
        assertThat(car.worldX()).isEqualTo(-176.48f);
        assertThat(car.worldZ()).isEqualTo(102.82f);
    }

    @Test
    void reverseIsMinusOneAndNeutralZero() {
        assertThat(carWithGear(0).gear()).isEqualTo(-1);
        assertThat(carWithGear(1).gear()).isEqualTo(0);
        assertThat(carWithGear(2).gear()).isEqualTo(1);
    }

    @Test
    void lapEventCarriesTheGamesLapTime() {
        ByteBuffer bytes = little(212);
        bytes.putInt(0, 0).putInt(4, 3);
        utf16(bytes, 8, "Jane Driver%junk");
        utf16(bytes, 108, "ks_porsche_911_gt3_r%");
        bytes.putInt(208, 101_234);

        assertThat(decoder.decode(bytes.rewind()))
                .isEqualTo(Decoded.ok(new LapEvent(0, 3, "Jane Driver", "ks_porsche_911_gt3_r", 101_234)));
    }

    @Test
    @BadInput
    void badDatagramsAreRefusedWithWhatIsWrong() {
        assertMalformed(little(0), Malformation.WRONG_SIZE);
        assertMalformed(little(327), Malformation.WRONG_SIZE);
        assertMalformed(little(4096), Malformation.WRONG_SIZE);
        assertMalformed(little(328), Malformation.WRONG_IDENTIFIER);

        ByteBuffer nan = carBytes(2);
        nan.putFloat(68, Float.NaN);
        assertMalformed(nan, Malformation.NON_FINITE);
        ByteBuffer infinite = carBytes(2);
        infinite.putFloat(324, Float.NEGATIVE_INFINITY);
        assertMalformed(infinite, Malformation.NON_FINITE);
        ByteBuffer negativeLaps = carBytes(2);
        negativeLaps.putInt(52, -1);
        assertMalformed(negativeLaps, Malformation.OUT_OF_RANGE);

        ByteBuffer garbageName = little(212);
        garbageName.putInt(4, 1).put(8, (byte) 0x00).put(9, (byte) 0xD8).put(10, (byte) 'a');
        assertMalformed(garbageName, Malformation.BAD_TEXT);
        ByteBuffer negativeTime = little(212);
        negativeTime.putInt(208, -5);
        assertMalformed(negativeTime, Malformation.OUT_OF_RANGE);
    }

    @Test
    @BadInput
    void aHandshakerRoundTripsAndOneOfAnotherSizeOrOperationIsMalformed() {
        Handshaker subscribe = Handshaker.of(Operation.SUBSCRIBE_UPDATE);

        assertThat(Handshaker.decode(ByteBuffer.wrap(subscribe.encode()))).isEqualTo(Decoded.ok(subscribe));
        assertThat(Handshaker.decode(little(11))).isEqualTo(
                Decoded.malformed(Malformation.WRONG_SIZE, "a handshaker is 12 bytes, not 11", 11));
        assertThat(Handshaker.decode(little(12).putInt(8, 4).rewind())).isEqualTo(
                Decoded.malformed(Malformation.WRONG_IDENTIFIER, "unknown operation 4", 12));
    }

    @Test
    void whatTheEncoderWritesDecodesToTheSameValues() {
        AcEncoder encoder = new AcEncoder();
        CarInfo car = carWithGear(4);
        assertThat(decoded(ByteBuffer.wrap(encoder.encode(car)))).isEqualTo(car);
        HandshakeResponse response = new HandshakeResponse("ks_mazda_mx5_cup", "Jane", 4242, 1, "magione", "");
        assertThat(decoded(ByteBuffer.wrap(encoder.encode(response)))).isEqualTo(response);
    }

    private CarInfo carWithGear(int rawGear) {
        return (CarInfo) decoded(carBytes(rawGear).rewind());
    }

    private static ByteBuffer carBytes(int rawGear) {
        ByteBuffer bytes = little(328);
        bytes.put(0, (byte) 'a').putInt(4, 328).putInt(76, rawGear);
        return bytes;
    }

    private AcDatagram decoded(ByteBuffer bytes) {
        Decoded<AcDatagram> result = decoder.decode(bytes);
        assertThat(result).isInstanceOf(Decoded.Ok.class);
        return ((Decoded.Ok<AcDatagram>) result).value();
    }

    /** Malformed input is a value naming the reason, the length and what is wrong; never an exception. */
    private void assertMalformed(ByteBuffer bytes, Malformation reason) {
        assertThat(decoder.decode(bytes.rewind())).isInstanceOfSatisfying(Decoded.Malformed.class, malformed -> {
            assertThat(malformed.reason()).isEqualTo(reason);
            assertThat(malformed.length()).isEqualTo(bytes.limit());
            assertThat(malformed.detail()).isNotBlank();
        });
    }

    private static ByteBuffer little(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void utf16(ByteBuffer bytes, int offset, String text) {
        bytes.put(offset, text.getBytes(StandardCharsets.UTF_16LE));
    }
}
