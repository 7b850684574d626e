package io.purplesector.collector.acc.sharedmemory;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The Windows path through its JNA seam: Kernel32 cannot load here, so the four calls are made
 * on a stand-in that hands out real native memory (JNA's {@link Memory}) as the mapped views.
 */
class WindowsMappingsTest {

    /** A Windows with the game's mappings in native memory, recording every call. */
    static final class FakeKernel32 implements WindowsMappings.Kernel32Calls {

        final Map<String, Memory> mappings = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        boolean mapViewFails;
        private long nextHandle = 1;
        private final Map<HANDLE, String> handles = new HashMap<>();

        @Override
        public @Nullable HANDLE openFileMapping(String name) {
            calls.add("open " + name);
            if (!mappings.containsKey(name)) {
                return null;
            }
            HANDLE handle = new HANDLE(new Pointer(nextHandle++));
            handles.put(handle, name);
            return handle;
        }

        @Override
        public @Nullable Pointer mapViewOfFile(HANDLE mapping, int size) {
            calls.add("map " + handles.get(mapping) + " " + size);
            return mapViewFails ? null : mappings.get(handles.get(mapping));
        }

        @Override
        public void unmapViewOfFile(Pointer view) {
            calls.add("unmap");
        }

        @Override
        public void closeHandle(HANDLE handle) {
            calls.add("close " + handles.get(handle));
        }
    }

    private final FakeKernel32 kernel32 = new FakeKernel32();

    @Test
    void opensTheGamesLocalMappingReadOnlyAndReadsItsStruct() {
        Memory physics = new Memory(Page.PHYSICS.size());
        physics.clear();
        physics.write(0, PageImage.of(Page.PHYSICS).i32(0, 7).f32(28, 155.5f).array(), 0, Page.PHYSICS.size());
        kernel32.mappings.put("Local\\acpmf_physics", physics);

        ByteBuffer view = new WindowsMappings(kernel32).open(Page.PHYSICS).orElseThrow();

        assertThat(kernel32.calls).containsExactly("open Local\\acpmf_physics", "map Local\\acpmf_physics 800");
        assertThat(view.isReadOnly()).isTrue();
        assertThat(PhysicsPage.decode(view).speedKmh()).isEqualTo(155.5f);
        physics.setInt(0, 8);
        assertThat(PhysicsPage.decode(view).packetId()).as("the view is the game's memory, not a copy").isEqualTo(8);
    }

    @Test
    void aMappingTheGameHasNotCreatedIsAPageNotShared() {
        assertThat(new WindowsMappings(kernel32).open(Page.GRAPHICS)).isEmpty();
        assertThat(kernel32.calls).containsExactly("open Local\\acpmf_graphics");
    }

    @Test
    void aViewThatCannotBeMappedClosesItsHandle() {
        kernel32.mappings.put("Local\\acpmf_static", new Memory(Page.STATIC.size()));
        kernel32.mapViewFails = true;

        assertThat(new WindowsMappings(kernel32).open(Page.STATIC)).isEmpty();
        assertThat(kernel32.calls).containsExactly("open Local\\acpmf_static", "map Local\\acpmf_static 820",
                "close Local\\acpmf_static");
    }

    @Test
    void openingAgainAfterAGameRestartReleasesTheOldViewFirstAndCloseReleasesTheRest() {
        kernel32.mappings.put("Local\\acpmf_physics", new Memory(Page.PHYSICS.size()));
        kernel32.mappings.put("Local\\acpmf_graphics", new Memory(Page.GRAPHICS.size()));
        WindowsMappings mappings = new WindowsMappings(kernel32);
        mappings.open(Page.PHYSICS);
        mappings.open(Page.GRAPHICS);
        kernel32.calls.clear();

        mappings.open(Page.PHYSICS);
        assertThat(kernel32.calls).containsExactly("unmap", "close Local\\acpmf_physics",
                "open Local\\acpmf_physics", "map Local\\acpmf_physics 800");

        kernel32.calls.clear();
        mappings.close();
        assertThat(kernel32.calls).containsExactlyInAnyOrder("unmap", "close Local\\acpmf_physics", "unmap",
                "close Local\\acpmf_graphics");
    }
}
