/** Classic pcap files: recording what the game sends, reading captures from any recorder. */
@NullMarked
package io.purplesector.collector.ac.pcap;

import org.jspecify.annotations.NullMarked;
