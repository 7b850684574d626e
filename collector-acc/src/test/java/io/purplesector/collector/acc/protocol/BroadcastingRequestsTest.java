package io.purplesector.collector.acc.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The requests byte for byte against the layout (B.3) and its worked examples. */
class BroadcastingRequestsTest {

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void registrationAsTheLayoutsExampleWritesIt() {
        assertThat(hex(BroadcastingRequests.register("Test", "pw", 1000, "")))
                .isEqualTo("0104" + "0400" + "54657374" + "0200" + "7077" + "e8030000" + "0000");
    }

    @Test
    void entryListAndTrackDataRequestsAndUnregisterCarryTheConnectionId() {
        assertThat(hex(BroadcastingRequests.requestEntryList(456))).isEqualTo("0ac8010000");
        assertThat(hex(BroadcastingRequests.requestTrackData(456))).isEqualTo("0bc8010000");
        assertThat(hex(BroadcastingRequests.unregister(456))).isEqualTo("09c8010000");
    }

    @Test
    void stringsAreUtf8WithTheirByteLengthNotTheirCharacterCount() {
        assertThat(hex(BroadcastingRequests.changeHudPage(1, "Café"))).isEqualTo("31" + "01000000" + "0500"
                + "436166c3a9");
        assertThatThrownBy(() -> BroadcastingRequests.changeHudPage(1, "x".repeat(65_536)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 65535");
    }

    @Test
    void focusCarriesOnlyWhatChanges() {
        assertThat(hex(BroadcastingRequests.changeFocus(1, 7, null, null))).isEqualTo("32" + "01000000" + "01"
                + "0700" + "00");
        assertThat(hex(BroadcastingRequests.changeFocus(1, null, "Drivable", "Cockpit"))).isEqualTo("32" + "01000000"
                + "00" + "01" + "0800" + "447269766162 6c65".replace(" ", "") + "0700" + "436f636b706974");
        assertThat(hex(BroadcastingRequests.changeFocus(1, null, "Drivable", ""))).isEqualTo("32" + "01000000"
                + "00" + "00");
    }

    @Test
    void anInstantReplayWithItsTimesAndAnUnchangedFocus() {
        assertThat(hex(BroadcastingRequests.instantReplay(1, 60_000f, 10_000f, -1, "", ""))).isEqualTo("33"
                + "01000000" + "0060 6a47".replace(" ", "") + "00401c46" + "ffffffff" + "0000" + "0000");
    }
}
