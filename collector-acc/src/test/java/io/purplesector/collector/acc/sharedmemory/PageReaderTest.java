package io.purplesector.collector.acc.sharedmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class PageReaderTest {

    private static final Logger log = LoggerFactory.getLogger(PageReaderTest.class);

    @TempDir
    Path shm;

    /** Counts the opens of a source. */
    static final class CountingSource implements SharedMemorySource {

        final SharedMemorySource inner;
        int opens;

        CountingSource(SharedMemorySource inner) {
            this.inner = inner;
        }

        @Override
        public Optional<ByteBuffer> open(Page page) {
            opens++;
            return inner.open(page);
        }

        @Override
        public String location() {
            return inner.location();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void copiesAPageOnlyWhenItsPacketIdHasMoved() throws IOException {
        Path file = shm.resolve("acpmf_physics");
        Files.write(file, PageImage.ofSize(2048).i32(0, 1).f32(28, 100).array());
        PageReader reader = new PageReader(new MappedFiles(shm), Page.PHYSICS, 1_000, 10_000);

        assertThat(reader.read(0)).isEqualTo(PageReader.Outcome.COPIED);
        assertThat(PhysicsPage.decode(reader.page()).speedKmh()).isEqualTo(100);
        assertThat(reader.read(10)).isEqualTo(PageReader.Outcome.UNCHANGED);

        write(file, PageImage.of(Page.PHYSICS).i32(0, 2).f32(28, 110).buffer());
        assertThat(reader.read(20)).isEqualTo(PageReader.Outcome.COPIED);
        assertThat(PhysicsPage.decode(reader.page()).speedKmh()).isEqualTo(110);
    }

    @Test
    void looksForAPageNotSharedAtMostOncePerRetryInterval() throws IOException {
        CountingSource source = new CountingSource(new MappedFiles(shm));
        PageReader reader = new PageReader(source, Page.GRAPHICS, 1_000, 10_000);

        assertThat(reader.read(0)).isEqualTo(PageReader.Outcome.ABSENT);
        assertThat(reader.read(500)).isEqualTo(PageReader.Outcome.ABSENT);
        assertThat(source.opens).isEqualTo(1);

        Files.write(shm.resolve("acpmf_graphics"), PageImage.ofSize(2048).i32(0, 1).array());
        assertThat(reader.read(999)).isEqualTo(PageReader.Outcome.ABSENT);
        assertThat(reader.read(1_000)).isEqualTo(PageReader.Outcome.COPIED);
        assertThat(source.opens).isEqualTo(2);
    }

    @Test
    void opensAPageAfreshWhenItHasNotChangedForTheStaleTimeSoARestartedGameIsFound() throws IOException {
        Path file = shm.resolve("acpmf_physics");
        Files.write(file, PageImage.ofSize(2048).i32(0, 5).f32(28, 50).array());
        CountingSource source = new CountingSource(new MappedFiles(shm));
        PageReader reader = new PageReader(source, Page.PHYSICS, 1_000, 2_000);
        reader.read(0);

        // The bridge creates a new file for the restarted game: the old mapping never changes again.
        Files.delete(file);
        Files.write(file, PageImage.ofSize(2048).i32(0, 1).f32(28, 60).array());
        assertThat(reader.read(1_000)).isEqualTo(PageReader.Outcome.UNCHANGED);
        assertThat(reader.read(2_001)).isEqualTo(PageReader.Outcome.UNCHANGED);
        assertThat(reader.read(2_002)).isEqualTo(PageReader.Outcome.COPIED);
        assertThat(source.opens).isEqualTo(2);
        assertThat(PhysicsPage.decode(reader.page()).speedKmh()).isEqualTo(60);
    }

    @Test
    void copiesTheStaticPageWhenItsBytesChange() throws IOException {
        Path file = shm.resolve("acpmf_static");
        Files.write(file, PageImage.ofSize(2048).text(134, 33, "spa").array());
        PageReader reader = new PageReader(new MappedFiles(shm), Page.STATIC, 1_000, 10_000);

        assertThat(reader.read(0)).isEqualTo(PageReader.Outcome.COPIED);
        assertThat(reader.read(1)).isEqualTo(PageReader.Outcome.UNCHANGED);
        write(file, PageImage.of(Page.STATIC).text(134, 33, "monza").buffer());
        assertThat(reader.read(2)).isEqualTo(PageReader.Outcome.COPIED);
        assertThat(StaticPage.decode(reader.page()).track()).isEqualTo("monza");
    }

    /**
     * A page rewritten while it is read, for real: another thread rewrites the file through its
     * own mapping far faster than the game does, each time in one copy of the whole struct as the
     * game copies its struct into the mapping, every 4-byte word of write n holding n. Unguarded,
     * about one copy in ten is torn. Guarded, only this gets through: a writer stopped by the
     * scheduler in the middle of its copy leaves a half-written page that stays as it is, and no
     * reader-side check can tell that from a page the game wrote so; on these two cores that is a
     * copy or two in tens of thousands.
     */
    @Test
    void handsOutOnlyWholePagesWhileTheyAreRewritten() throws Exception {
        Path file = shm.resolve("acpmf_physics");
        Files.write(file, new byte[2048]);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> rewrite(file, writing), "page-writer");
        writer.start();
        PageReader reader = new PageReader(new MappedFiles(shm), Page.PHYSICS, 1_000, 60_000);
        ByteBuffer naive = new MappedFiles(shm).open(Page.PHYSICS).orElseThrow();
        byte[] naiveCopy = new byte[Page.PHYSICS.size()];
        int copies = 0;
        int torn = 0;
        int naiveTorn = 0;
        int handedOutTorn = 0;
        long deadline = System.nanoTime() + 3_000_000_000L;
        try {
            while (System.nanoTime() < deadline && copies < 200_000) {
                PageReader.Outcome outcome = reader.read(0);
                if (outcome == PageReader.Outcome.COPIED) {
                    copies++;
                    if (!consistent(reader.page())) {
                        handedOutTorn++;
                        log.info("Copy {} was half written: {}", copies, describe(reader.page()));
                    }
                } else if (outcome == PageReader.Outcome.TORN) {
                    torn++;
                }
                naive.get(0, naiveCopy);
                if (!consistent(ByteBuffer.wrap(naiveCopy).order(ByteOrder.LITTLE_ENDIAN))) {
                    naiveTorn++;
                }
            }
        } finally {
            writing.set(false);
            writer.join();
        }
        log.info("{} copies ({} half written), {} reads given up as torn; a single unguarded copy was torn {} times",
                copies, handedOutTorn, torn, naiveTorn);
        assertThat(copies).isGreaterThan(100);
        assertThat(handedOutTorn).isLessThanOrEqualTo(copies / 1_000);
    }

    private static String describe(ByteBuffer page) {
        java.util.Map<Integer, Integer> words = new java.util.TreeMap<>();
        for (int offset = 0; offset < Page.PHYSICS.size(); offset += 4) {
            words.merge(page.getInt(offset), 1, Integer::sum);
        }
        return words.toString();
    }

    private static boolean consistent(ByteBuffer page) {
        int id = page.getInt(0);
        for (int offset = 4; offset < Page.PHYSICS.size(); offset += 4) {
            if (page.getInt(offset) != id) {
                return false;
            }
        }
        return true;
    }

    private static void rewrite(Path file, AtomicBoolean writing) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer page = channel.map(FileChannel.MapMode.READ_WRITE, 0, Page.PHYSICS.size());
            page.order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer body = ByteBuffer.allocate(Page.PHYSICS.size()).order(ByteOrder.LITTLE_ENDIAN);
            for (int n = 1; writing.get(); n++) {
                for (int offset = 0; offset < body.capacity(); offset += 4) {
                    body.putInt(offset, n);
                }
                page.put(0, body, 0, body.capacity());
                // Fifty thousand pages a second: 150 times the game's fastest physics rate.
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Path file, ByteBuffer bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(bytes, 0);
        }
    }
}
