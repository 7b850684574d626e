/**
 * collector-acc: Assetto Corsa Competizione's broadcasting and shared memory, merged into one
 * stream and published to Kafka.
 */
@NullMarked
package io.purplesector.collector.acc;

import org.jspecify.annotations.NullMarked;
