package io.purplesector.collector.acc.sharedmemory;

/**
 * The three pages ACC shares (C.1): the name of the mapping (Windows: {@code Local\<name>};
 * Linux bridges: {@code /dev/shm/<name>}) and the size of its struct. The mappings the bridges
 * create are larger (2048 bytes, C.8); only the struct's bytes are read.
 */
public enum Page {
    /** SPageFilePhysics: the player's car, every physics step. */
    PHYSICS("acpmf_physics", 800),
    /** SPageFileGraphic: session, timing and the position of every car, every graphics step. */
    GRAPHICS("acpmf_graphics", 1588),
    /** SPageFileStatic: car, track and driver, written once per game instance. */
    STATIC("acpmf_static", 820);

    private final String mappingName;
    private final int size;

    Page(String mappingName, int size) {
        this.mappingName = mappingName;
        this.size = size;
    }

    public String mappingName() {
        return mappingName;
    }

    /** Bytes of the struct, all a decoder reads. */
    public int size() {
        return size;
    }
}
