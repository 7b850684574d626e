/**
 * ACC's shared memory (game-protocols.md part C): the three pages decoded by pure functions over
 * little-endian bytes, and the ways to get those bytes ({@link SharedMemorySource}): Windows'
 * named mappings through JNA, the files the Linux (Wine/Proton) bridges create, or a recording.
 * The decoders know no operating system; the sources know no layout.
 */
@NullMarked
package io.purplesector.collector.acc.sharedmemory;

import org.jspecify.annotations.NullMarked;
