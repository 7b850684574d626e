package io.purplesector.collector.acc.sharedmemory;

/** A value per wheel, in the order of every [4] array of the pages (C.5: FL, FR, RL, RR). */
public record Wheels(float frontLeft, float frontRight, float rearLeft, float rearRight) {
}
