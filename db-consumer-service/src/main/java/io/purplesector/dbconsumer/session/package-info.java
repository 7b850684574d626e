/** The sessions being stored: their rows, lap detectors and batch progress, cached between batches. */
@NullMarked
package io.purplesector.dbconsumer.session;

import org.jspecify.annotations.NullMarked;
