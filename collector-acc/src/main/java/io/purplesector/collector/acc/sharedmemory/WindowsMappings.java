package io.purplesector.collector.acc.sharedmemory;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The game's named mappings on Windows ({@code Local\acpmf_physics} and the others, C.1), opened
 * read-only through JNA. Opened again when the game restarts: the views of the old instance are
 * released first. Kernel32 is reached only through {@link Kernel32Calls}, so this class is tested
 * on any system with a stand-in for the four calls.
 */
public final class WindowsMappings implements SharedMemorySource {

    /** The four Kernel32 calls this source makes. */
    public interface Kernel32Calls {

        /** {@code OpenFileMapping(FILE_MAP_READ, false, name)}; null when no such mapping exists. */
        @Nullable HANDLE openFileMapping(String name);

        /** {@code MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, size)}; null when it fails. */
        @Nullable Pointer mapViewOfFile(HANDLE mapping, int size);

        void unmapViewOfFile(Pointer view);

        void closeHandle(HANDLE handle);

        /** The real calls, through JNA; Kernel32 is loaded on first use, so only on Windows. */
        static Kernel32Calls jna() {
            return new Kernel32Calls() {
                @Override
                public @Nullable HANDLE openFileMapping(String name) {
                    return Kernel32.INSTANCE.OpenFileMapping(WinBase.FILE_MAP_READ, false, name);
                }

                @Override
                public @Nullable Pointer mapViewOfFile(HANDLE mapping, int size) {
                    return Kernel32.INSTANCE.MapViewOfFile(mapping, WinBase.FILE_MAP_READ, 0, 0, size);
                }

                @Override
                public void unmapViewOfFile(Pointer view) {
                    Kernel32.INSTANCE.UnmapViewOfFile(view);
                }

                @Override
                public void closeHandle(HANDLE handle) {
                    Kernel32.INSTANCE.CloseHandle(handle);
                }
            };
        }
    }

    private record View(HANDLE mapping, Pointer memory) {
    }

    private static final String NAMESPACE = "Local\\";

    private final Kernel32Calls kernel32;
    private final Map<Page, View> views = new EnumMap<>(Page.class);

    public WindowsMappings(Kernel32Calls kernel32) {
        this.kernel32 = kernel32;
    }

    @Override
    public synchronized Optional<ByteBuffer> open(Page page) {
        release(page);
        HANDLE mapping = kernel32.openFileMapping(NAMESPACE + page.mappingName());
        if (mapping == null) {
            return Optional.empty();
        }
        Pointer memory = kernel32.mapViewOfFile(mapping, page.size());
        if (memory == null) {
            kernel32.closeHandle(mapping);
            return Optional.empty();
        }
        views.put(page, new View(mapping, memory));
        return Optional.of(memory.getByteBuffer(0, page.size()).asReadOnlyBuffer());
    }

    @Override
    public String location() {
        return NAMESPACE + "acpmf_*";
    }

    @Override
    public synchronized void close() {
        for (Page page : Page.values()) {
            release(page);
        }
    }

    private void release(Page page) {
        View view = views.remove(page);
        if (view != null) {
            kernel32.unmapViewOfFile(view.memory());
            kernel32.closeHandle(view.mapping());
        }
    }
}
