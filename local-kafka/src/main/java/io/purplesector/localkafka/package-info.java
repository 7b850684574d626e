/** A single-node KRaft broker for the local stack and tests. */
package io.purplesector.localkafka;
