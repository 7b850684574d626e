package io.purplesector.collector.acc.broadcasting;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.purplesector.collector.acc.protocol.BroadcastingRequests;
import io.purplesector.collector.acc.protocol.Datagram;
import io.purplesector.testsupport.BadInput;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BroadcastingClientTest {

    private static final BroadcastingSettings SETTINGS = new BroadcastingSettings("Purple Sector", "asd", "cmd",
            Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(5));

    private final List<byte[]> sent = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final BroadcastingClient client = new BroadcastingClient(SETTINGS, sent::add, meters);

    @Test
    void registersEveryRegisterIntervalUntilTheGameAnswers() {
        client.tick(0);
        client.tick(1_999);
        client.tick(2_000);

        assertThat(sent).hasSize(2).allSatisfy(datagram -> assertThat(datagram)
                .isEqualTo(BroadcastingRequests.register("Purple Sector", "asd", 250, "cmd")));
        assertThat(client.state()).isEqualTo(BroadcastingClient.State.REGISTERING);
    }

    @Test
    void asksForTheEntryListAndTrackOnceRegisteredAndSaysWhetherCommandsAreAllowed() {
        client.tick(0);
        sent.clear();
        accept(registration(7, true, false, "Wrong command mode password, readonly access granted"), 10);

        assertThat(client.state()).isEqualTo(BroadcastingClient.State.REGISTERED);
        assertThat(client.writeAccess()).isFalse();
        assertThat(sent).containsExactly(BroadcastingRequests.requestEntryList(7),
                BroadcastingRequests.requestTrackData(7));
        assertThat(client.command(BroadcastingRequests::requestTrackData)).as("read-only: refused").isFalse();
    }

    @Test
    void aRefusedRegistrationIsSaidAndTriedAgain() {
        client.tick(0);
        accept(registration(-1, false, false, "Wrong password"), 10);

        assertThat(client.state()).isEqualTo(BroadcastingClient.State.REFUSED);
        assertThat(client.refusal()).isEqualTo("Wrong password");
        client.tick(2_000);
        assertThat(sent).hasSize(2);
    }

    @Test
    void asksForTheEntryListAgainForAnUnknownCarAtMostOnceASecond() {
        register(3, 0);
        sent.clear();
        accept(carUpdate(12), 100);
        accept(carUpdate(12), 500);
        accept(carUpdate(13), 1_000);
        accept(carUpdate(12), 1_999);
        accept(carUpdate(12), 2_000);

        assertThat(sent).containsExactly(BroadcastingRequests.requestEntryList(3),
                BroadcastingRequests.requestEntryList(3));
    }

    @Test
    void aKnownCarWithTheDriversItHadAsksForNothing() {
        register(3, 0);
        sent.clear();
        accept(entryListCar(12, 1), 50);
        accept(carUpdate(12), 2_000);

        assertThat(sent).isEmpty();
        assertThat(client.car(12)).isNotNull();
    }

    @Test
    void registersAgainWhenTheGameGoesSilentAndForgetsWhatItKnew() {
        register(3, 0);
        accept(entryListCar(12, 1), 50);
        sent.clear();

        assertThat(client.tick(5_050)).isFalse();
        assertThat(client.tick(5_051)).as("silent for more than 5 s").isTrue();
        assertThat(client.state()).isEqualTo(BroadcastingClient.State.REGISTERING);
        assertThat(client.car(12)).isNull();
        assertThat(sent).containsExactly(BroadcastingRequests.register("Purple Sector", "asd", 250, "cmd"));
    }

    @Test
    void unregistersWithItsConnectionIdOnlyWhenRegistered() {
        client.unregister();
        assertThat(sent).isEmpty();

        register(9, 0);
        sent.clear();
        client.unregister();
        assertThat(sent).containsExactly(BroadcastingRequests.unregister(9));
        assertThat(client.state()).isEqualTo(BroadcastingClient.State.REGISTERING);
    }

    @Test
    void commandsGoOutWithTheConnectionIdWhenWriteAccessWasGranted() {
        register(4, 0);
        sent.clear();

        assertThat(client.command(id -> BroadcastingRequests.changeHudPage(id, "Basic HUD"))).isTrue();
        assertThat(sent).containsExactly(BroadcastingRequests.changeHudPage(4, "Basic HUD"));
    }

    @Test
    @BadInput
    void keepsAtMostMaxCarsWhateverTheGameSends() {
        register(1, 0);
        for (int index = 0; index < 1_000; index++) {
            accept(entryListCar(index, 1), 10);
        }

        assertThat(client.car(BroadcastingClient.MAX_CARS - 1)).isNotNull();
        assertThat(client.car(BroadcastingClient.MAX_CARS)).isNull();
        assertThat(meters.get("collector.broadcasting.cars.refused").counter().count())
                .isEqualTo(1_000 - BroadcastingClient.MAX_CARS);
    }

    @Test
    @BadInput
    void countsAMalformedDatagramByReasonAndChangesNothing() {
        register(1, 0);

        assertThat(client.accept(ByteBuffer.wrap(HexFormat.of().parseHex("09")), 10)).isNull();
        assertThat(client.accept(ByteBuffer.allocate(0), 10)).isNull();
        assertThat(meters.get("collector.datagrams.malformed").tag("kind", "UNKNOWN_TYPE").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("collector.datagrams.malformed").tag("kind", "EMPTY").counter().count()).isEqualTo(1);
        assertThat(client.state()).isEqualTo(BroadcastingClient.State.REGISTERED);
    }

    private void register(int connectionId, long at) {
        client.tick(at);
        accept(registration(connectionId, true, true, ""), at);
    }

    private void accept(byte[] datagram, long at) {
        assertThat(client.accept(ByteBuffer.wrap(datagram), at)).isNotNull();
    }

    private static byte[] registration(int connectionId, boolean success, boolean write, String message) {
        return Datagram.of(1).i32(connectionId).u8(success ? 1 : 0).u8(write ? 1 : 0).string(message).bytes();
    }

    private static byte[] entryListCar(int carIndex, int drivers) {
        Datagram car = Datagram.of(6).u16(carIndex).u8(1).string("Team").i32(carIndex).u8(0).u8(0).u16(2)
                .u8(drivers);
        for (int driver = 0; driver < drivers; driver++) {
            car.string("First").string("Last").string("FLA").u8(1).u16(2);
        }
        return car.bytes();
    }

    private static byte[] carUpdate(int carIndex) {
        Datagram update = Datagram.of(3).u16(carIndex).u16(0).u8(1).u8(3).f32(1).f32(2).f32(0).u8(1).u16(120)
                .u16(1).u16(1).u16(1).f32(0.5f).u16(3).i32(-5);
        for (int lap = 0; lap < 3; lap++) {
            update.lap(Integer.MAX_VALUE, carIndex, 0, List.of(), false, true, false, false);
        }
        return update.bytes();
    }
}
