/**
 * Recording what the game shared ({@code --record}) and playing it back through the live path
 * ({@code --replay}): broadcasting's datagrams as pcap, the pages in {@link PageRecording}'s format
 * beside it.
 */
@NullMarked
package io.purplesector.collector.acc.replay;

import org.jspecify.annotations.NullMarked;
