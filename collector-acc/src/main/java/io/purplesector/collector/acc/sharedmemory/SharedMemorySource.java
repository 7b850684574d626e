package io.purplesector.collector.acc.sharedmemory;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Where the pages' bytes come from: the game's mappings on Windows ({@link WindowsMappings}), the
 * files a Linux bridge creates ({@link MappedFiles}). A source only finds the bytes; what they
 * mean is the decoders' business, and reading them consistently is {@link PageReader}'s.
 */
public interface SharedMemorySource extends Closeable {

    /**
     * A read-only view of the page as the game writes it, at least {@link Page#size()} bytes, or
     * empty when the game does not share it now (not running, on another PC, no bridge). A page
     * opened again replaces the view opened before, which must not be used after.
     */
    Optional<ByteBuffer> open(Page page);

    /** Where the pages are looked for, for logs and health. */
    String location();

    /** Releases every view; a source without any holds nothing. */
    @Override
    void close();
}
