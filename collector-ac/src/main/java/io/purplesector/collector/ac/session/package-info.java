/** Sessions with the game: datagrams in, the shared schema's records out. */
@NullMarked
package io.purplesector.collector.ac.session;

import org.jspecify.annotations.NullMarked;
