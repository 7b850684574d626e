/**
 * A collector's way into Kafka: the publisher (user topic, session key, the contract's headers)
 * and the creation of users' topics, auto-configured for every collector.
 */
@NullMarked
package io.purplesector.collector.publish;

import org.jspecify.annotations.NullMarked;
