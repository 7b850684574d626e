package io.purplesector.collector.acc.sharedmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedFilesTest {

    @TempDir
    Path shm;

    @Test
    void aMissingFileIsAPageNotShared() {
        assertThat(new MappedFiles(shm).open(Page.PHYSICS)).isEmpty();
    }

    @Test
    void aFileShorterThanTheStructIsAPageNotSharedYet() throws IOException {
        Files.write(shm.resolve("acpmf_graphics"), new byte[1587]);

        assertThat(new MappedFiles(shm).open(Page.GRAPHICS)).isEmpty();
    }

    @Test
    void mapsTheStructOfABridgeFileAndFollowsWhatIsWrittenToIt() throws IOException {
        Path file = shm.resolve("acpmf_physics");
        Files.write(file, PageImage.ofSize(2048).i32(0, 1).f32(28, 120).array());

        ByteBuffer view = new MappedFiles(shm).open(Page.PHYSICS).orElseThrow();
        assertThat(view.capacity()).isEqualTo(Page.PHYSICS.size());
        assertThat(view.isReadOnly()).isTrue();
        assertThat(PhysicsPage.decode(view).speedKmh()).isEqualTo(120);

        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(PageImage.ofSize(800).i32(0, 2).f32(28, 180).buffer(), 0);
        }
        assertThat(PhysicsPage.decode(view).packetId()).isEqualTo(2);
        assertThat(PhysicsPage.decode(view).speedKmh()).isEqualTo(180);
    }
}
