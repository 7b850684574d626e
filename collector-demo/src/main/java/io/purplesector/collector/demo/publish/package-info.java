/** Publishing to Kafka per the record contract, and the per-user topics this collector creates. */
@NullMarked
package io.purplesector.collector.demo.publish;

import org.jspecify.annotations.NullMarked;
