/** Frames as the ingest handles them: plain reusable fields, decoded straight from protobuf's wire format. */
@NullMarked
package io.purplesector.dbconsumer.frame;

import org.jspecify.annotations.NullMarked;
