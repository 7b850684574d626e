package io.purplesector.collector.acc.sharedmemory;

/** Three floats of a page: a velocity, g-forces, or a position in the track's world coordinates. */
public record Vector3(float x, float y, float z) {
}
