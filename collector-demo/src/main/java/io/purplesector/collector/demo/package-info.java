/**
 * collector-demo: realistic synthetic sessions published to Kafka as a collector would, for
 * demos, development and load generation, steered through the {@code commands} topic.
 */
@NullMarked
package io.purplesector.collector.demo;

import org.jspecify.annotations.NullMarked;
