package io.purplesector.telemetry.proto.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo-0b7f6c1e-2a4d-4f8e-9c3b-1d2e3f4a5b6c", "ac-1764950000000", "a", "Jürgen's GP 🏁",
            "with space and / slash"})
    void keysThatKeepTheRuleGiveTheSameIdAsTheirText(String id) {
        byte[] key = id.getBytes(StandardCharsets.UTF_8);

        assertThat(SessionIds.fromKey(key)).isEqualTo(id);
        assertThat(SessionIds.requireValid(id)).isEqualTo(id);
        assertThat(SessionIds.isValid(id)).isTrue();
    }

    @Test
    void theLongestIdIsMaxBytesOfUtf8() {
        String ascii = "s".repeat(SessionIds.MAX_BYTES);
        String twoByteChars = "ü".repeat(SessionIds.MAX_BYTES / 2);

        assertThat(SessionIds.fromKey(ascii.getBytes(StandardCharsets.UTF_8))).isEqualTo(ascii);
        assertThat(SessionIds.fromKey(twoByteChars.getBytes(StandardCharsets.UTF_8))).isEqualTo(twoByteChars);
        assertThatThrownBy(() -> SessionIds.fromKey((ascii + "s").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidSessionIdException.class).hasMessageContaining("129 bytes");
        // 65 characters, 130 bytes: within the characters, over the bytes.
        assertThatThrownBy(() -> SessionIds.requireValid(twoByteChars + "ü"))
                .isInstanceOf(InvalidSessionIdException.class).hasMessageContaining("longer than 128 bytes");
    }

    @Test
    void refusesNoKeyAnEmptyKeyAndAMegabyteKeyWithoutRepeatingIt() {
        byte[] megabyte = new byte[1 << 20];
        java.util.Arrays.fill(megabyte, (byte) 'k');

        assertThatThrownBy(() -> SessionIds.fromKey(null)).hasMessageContaining("no key");
        assertThatThrownBy(() -> SessionIds.fromKey(new byte[0])).hasMessageContaining("no key");
        assertThatThrownBy(() -> SessionIds.fromKey(megabyte))
                .hasMessageContaining("1048576 bytes").hasMessageNotContaining("kkkk");
    }

    @Test
    void refusesControlCharactersIncludingNul() {
        assertThatThrownBy(() -> SessionIds.fromKey("probe-nul\0x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidSessionIdException.class).hasMessageContaining("U+0000 at 9");
        assertThatThrownBy(() -> SessionIds.requireValid("line\nbreak")).hasMessageContaining("U+000A");
        assertThatThrownBy(() -> SessionIds.requireValid("del\u007f")).hasMessageContaining("U+007F");
        assertThatThrownBy(() -> SessionIds.fromKey("c1\u0085".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("U+0085");
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        assertThatThrownBy(() -> SessionIds.fromKey(new byte[] {'a', (byte) 0xff, 'b'}))
                .hasMessageContaining("not well-formed UTF-8");
        // An overlong encoding of '/', and an encoded surrogate: both refused by a strict decoder.
        assertThatThrownBy(() -> SessionIds.fromKey(new byte[] {(byte) 0xc0, (byte) 0xaf}))
                .hasMessageContaining("not well-formed UTF-8");
        assertThatThrownBy(() -> SessionIds.fromKey(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}))
                .hasMessageContaining("not well-formed UTF-8");
        assertThatThrownBy(() -> SessionIds.requireValid("half \ud83c")).hasMessageContaining("unpaired surrogate");
    }

    @Test
    void everyKeyIsEitherRefusedOrDecodedToTextThatEncodesBackToTheSameBytes() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            byte[] key = new byte[random.nextInt(SessionIds.MAX_BYTES + 8)];
            random.nextBytes(key);
            if (i % 2 == 0) {
                // Half of them mostly ASCII, so that the accepted side is tried as hard as the refused one.
                for (int j = 0; j < key.length; j++) {
                    key[j] = (byte) (key[j] & (random.nextInt(8) == 0 ? 0xff : 0x7f));
                }
            }
            String id;
            try {
                id = SessionIds.fromKey(key);
            } catch (InvalidSessionIdException refused) {
                continue;
            }
            assertThat(id.getBytes(StandardCharsets.UTF_8)).isEqualTo(key);
            assertThat(SessionIds.isValid(id)).isTrue();
        }
    }
}
