/** Classic pcap files: recording what a game sends, reading captures from any recorder. */
@NullMarked
package io.purplesector.collector.capture;

import org.jspecify.annotations.NullMarked;
