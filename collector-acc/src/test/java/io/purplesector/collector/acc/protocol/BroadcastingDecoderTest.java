package io.purplesector.collector.acc.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.purplesector.collector.acc.protocol.InboundMessage.BroadcastingEvent;
import io.purplesector.collector.acc.protocol.InboundMessage.Driver;
import io.purplesector.collector.acc.protocol.InboundMessage.EntryList;
import io.purplesector.collector.acc.protocol.InboundMessage.EntryListCar;
import io.purplesector.collector.acc.protocol.InboundMessage.RealtimeCarUpdate;
import io.purplesector.collector.acc.protocol.InboundMessage.RealtimeUpdate;
import io.purplesector.collector.acc.protocol.InboundMessage.RegistrationResult;
import io.purplesector.collector.acc.protocol.InboundMessage.TrackData;
import io.purplesector.testsupport.BadInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The decoder against datagrams ACC sent (fixtures) and datagrams written from the layout with captured values. */
class BroadcastingDecoderTest {

    private static final int NO_TIME = LapInfo.NO_TIME;

    private final BroadcastingDecoder decoder = new BroadcastingDecoder();

    /** REALTIME_CAR_UPDATE as captured (B.8): car 0 on track at 120 km/h in 2nd gear, lap 12. */
    private static byte[] carUpdate() {
        return Datagram.of(3).u16(0).u16(0).u8(1).u8(3).f32(-107.14f).f32(358.75f).f32(2.537f).u8(1)
                .u16(120).u16(1).u16(1).u16(0).f32(0.1187f).u16(12).i32(-5)
                .lap(93_695, 0, 0, List.of(23_550, 41_160, 28_935), false, true, false, false)
                .lap(94_272, 0, 0, List.of(23_647, 41_300, 29_325), false, true, false, false)
                .lap(10_290, 0, 0, List.of(), false, true, false, false)
                .bytes();
    }

    /** REALTIME_UPDATE as captured (B.8), with or without a replay playing. */
    private static byte[] sessionUpdate(boolean replay) {
        Datagram datagram = Datagram.of(2).u16(0).u16(0).u8(10).u8(5).f32(1_143_552.5f).f32(356_447.5f).i32(13)
                .string("Drivable").string("Cockpit").string("Basic HUD").u8(replay ? 1 : 0);
        if (replay) {
            datagram.f32(600_000f).f32(30_000f);
        }
        return datagram.f32(55_190.73f).u8(30).u8(38).u8(0).u8(0).u8(0)
                .lap(93_145, 5, 0, List.of(23_505, 40_892, 28_747), false, true, false, false).bytes();
    }

    @Test
    void aLapCompletedEventAsAccSentIt() throws IOException {
        assertThat(decoded(fixture("broadcasting_event-lap_completed.bin")))
                .isEqualTo(new BroadcastingEvent(5, "01:33.695", 904_977, 0));
    }

    @Test
    void anEntryListCarAsAccSentIt() throws IOException {
        assertThat(decoded(fixture("entry_list_car-black_falcon.bin"))).isEqualTo(new EntryListCar(0, 1,
                "Black Falcon", 4, 0, 0, 2, List.of(new Driver("Luca", "Stolz", "STO", 1, 2))));
    }

    @Test
    void aCarUpdateWithItsThreeLapsAndTheGearMappedFromTheRawByte() {
        RealtimeCarUpdate car = (RealtimeCarUpdate) decoded(carUpdate());

        assertThat(car.rawGear()).isEqualTo(3);
        assertThat(car.gear()).as("raw - 1 (B.9.1)").isEqualTo(2);
        assertThat(car.kmh()).isEqualTo(120);
        assertThat(car.laps()).isEqualTo(12);
        assertThat(car.deltaMs()).as("signed").isEqualTo(-5);
        assertThat(car.worldX()).isEqualTo(-107.14f);
        assertThat(car.splinePosition()).isEqualTo(0.1187f);
        assertThat(car.bestSessionLap().splitsMs()).containsExactly(23_550, 41_160, 28_935);
        assertThat(car.lastLap().lapTime()).hasValue(94_272);
        assertThat(car.currentLap().splitsMs()).isEmpty();
    }

    @Test
    void replayTimesAreReadOnlyWhileAReplayPlays() {
        RealtimeUpdate live = (RealtimeUpdate) decoded(sessionUpdate(false));
        RealtimeUpdate replay = (RealtimeUpdate) decoded(sessionUpdate(true));

        assertThat(live.replayPlaying()).isFalse();
        assertThat(live.replaySessionTimeMs()).isZero();
        assertThat(replay.replaySessionTimeMs()).isEqualTo(600_000f);
        assertThat(replay.replayRemainingTimeMs()).isEqualTo(30_000f);
        for (RealtimeUpdate update : List.of(live, replay)) {
            assertThat(update.sessionType()).isEqualTo(10);
            assertThat(update.sessionPhase()).isEqualTo(5);
            assertThat(update.sessionTimeMs() + update.sessionRemainingMs()).isEqualTo(1_500_000f);
            assertThat(update.currentHudPage()).isEqualTo("Basic HUD");
            assertThat(update.timeOfDaySeconds()).isEqualTo(55_190.73f);
            assertThat(update.ambientTemperature()).isEqualTo(30);
            assertThat(update.trackTemperature()).isEqualTo(38);
            assertThat(update.bestSessionLap().lapTime()).hasValue(93_145);
            assertThat(update.bestSessionLap().carIndex()).isEqualTo(5);
        }
    }

    @Test
    void noLapTimeYetIsIntMaxAndSaysSo() {
        byte[] noBestLap = Datagram.of(3).u16(0).u16(0).u8(1).u8(1).f32(0).f32(0).f32(0).u8(2)
                .u16(0).u16(0).u16(0).u16(0).f32(0).u16(0).i32(0)
                .lap(NO_TIME, 0, 0, List.of(NO_TIME, NO_TIME, NO_TIME), false, true, false, false)
                .lap(NO_TIME, 0, 0, List.of(), false, true, false, false)
                .lap(0, 0, 0, List.of(), false, true, true, false).bytes();

        RealtimeCarUpdate car = (RealtimeCarUpdate) decoded(noBestLap);

        assertThat(car.bestSessionLap().lapTime()).isEmpty();
        assertThat(car.bestSessionLap().splitsMs()).containsOnly(NO_TIME);
        assertThat(car.lastLap().lapTime()).isEmpty();
        assertThat(car.currentLap().outLap()).isTrue();
        assertThat(car.gear()).as("raw 1 is neutral").isZero();
    }

    @Test
    void registrationEntryListAndTrackData() {
        assertThat(decoded(Datagram.of(1).i32(7).u8(1).u8(0)
                .string("Wrong command mode password, readonly access granted").bytes()))
                .isEqualTo(new RegistrationResult(7, true, false, "Wrong command mode password, readonly access granted"));
        assertThat(decoded(Datagram.of(4).i32(2).u16(3).u16(0).u16(1).u16(4).bytes()))
                .isEqualTo(new EntryList(2, List.of(0, 1, 4)));
        TrackData track = (TrackData) decoded(Datagram.of(5).i32(2).string("Red Bull Ring").i32(26).i32(4318)
                .u8(2).string("Drivable").u8(2).string("Chase").string("Cockpit").string("Helicam").u8(1)
                .string("Helicam").u8(2).string("Blank").string("Basic HUD").bytes());
        assertThat(track.trackMeters()).isEqualTo(4318);
        assertThat(track.cameraSets()).isEqualTo(Map.of("Drivable", List.of("Chase", "Cockpit"),
                "Helicam", List.of("Helicam")));
        assertThat(track.cameraSets().keySet()).containsExactly("Drivable", "Helicam");
        assertThat(track.hudPages()).containsExactly("Blank", "Basic HUD");
    }

    @Test
    @BadInput
    void everyMessageCutShortAtAnyByteIsTruncatedAndOneByteMoreIsTrailing() throws IOException {
        for (byte[] message : List.of(carUpdate(), sessionUpdate(false), sessionUpdate(true),
                fixture("broadcasting_event-lap_completed.bin"), fixture("entry_list_car-black_falcon.bin"))) {
            for (int length = 1; length < message.length; length++) {
                assertMalformed(Arrays.copyOf(message, length), Malformation.TRUNCATED);
            }
            assertMalformed(Arrays.copyOf(message, message.length + 1), Malformation.TRAILING_BYTES);
        }
    }

    @Test
    @BadInput
    void emptyUnknownTypesAndTextThatIsNotUtf8AreMalformed() {
        assertMalformed(new byte[0], Malformation.EMPTY);
        for (int type : new int[] {0, 8, 9, 49, 255}) {
            assertMalformed(new byte[] {(byte) type, 1, 2, 3}, Malformation.UNKNOWN_TYPE);
        }
        assertMalformed(Datagram.of(7).u8(5).u16(2).raw((byte) 0xC3, (byte) 0x28).i32(0).i32(0).bytes(),
                Malformation.BAD_TEXT);
    }

    @Test
    @BadInput
    void randomBytesNeverThrowAndAlwaysGiveAValue() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < 100_000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[0] = (byte) random.nextInt(1, 8);
            }
            assertThat(decoder.decode(ByteBuffer.wrap(bytes))).isNotNull();
        }
    }

    @Test
    void theBufferPositionIsLeftAlone() {
        ByteBuffer datagram = ByteBuffer.wrap(carUpdate());
        decoder.decode(datagram);
        assertThat(datagram.position()).isZero();
    }

    private InboundMessage decoded(byte[] bytes) {
        Decoded result = decoder.decode(ByteBuffer.wrap(bytes));
        assertThat(result).isInstanceOf(Decoded.Ok.class);
        return ((Decoded.Ok) result).message();
    }

    private void assertMalformed(byte[] bytes, Malformation reason) {
        assertThat(decoder.decode(ByteBuffer.wrap(bytes))).as("%d bytes", bytes.length)
                .isInstanceOfSatisfying(Decoded.Malformed.class, malformed -> {
                    assertThat(malformed.reason()).isEqualTo(reason);
                    assertThat(malformed.length()).isEqualTo(bytes.length);
                    assertThat(malformed.detail()).isNotBlank();
                });
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = BroadcastingDecoderTest.class.getResourceAsStream("/fixtures/acc/" + name)) {
            return in.readAllBytes();
        }
    }
}
