package io.purplesector.collector.acc.sharedmemory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages as files, as the Linux bridges for Wine and Proton create them (C.8:
 * {@code /dev/shm/acpmf_physics} and the others, 2048 bytes each, larger than the structs), or
 * as any directory holding files of those names. Each file is mapped read-only; the mapping
 * follows the file's bytes as the bridge writes them. A file missing or shorter than its struct
 * is a page not shared yet.
 */
public final class MappedFiles implements SharedMemorySource {

    private static final Logger log = LoggerFactory.getLogger(MappedFiles.class);

    private final Path directory;

    public MappedFiles(Path directory) {
        this.directory = directory;
    }

    @Override
    public Optional<ByteBuffer> open(Page page) {
        Path file = directory.resolve(page.mappingName());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() < page.size()) {
                log.debug("{} has {} bytes, {} needs {}", file, channel.size(), page, page.size());
                return Optional.empty();
            }
            // The mapping stays valid once the channel is closed, as long as the file exists.
            return Optional.of(channel.map(FileChannel.MapMode.READ_ONLY, 0, page.size()));
        } catch (IOException e) {
            if (Files.exists(file)) {
                log.debug("Cannot map {}: {}", file, e.getMessage());
            }
            return Optional.empty();
        }
    }

    @Override
    public String location() {
        return directory.toString();
    }

    /** Nothing to release: a mapping is unmapped when its buffer is collected. */
    @Override
    public void close() {
        // No handles are held between calls.
    }
}
