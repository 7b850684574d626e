/**
 * kafka-setup: a one-shot application that makes sure Purple Sector's topics exist with the
 * configured settings, checks that the cluster is usable, prints what it found and did, and
 * exits 0 when the cluster is healthy or 1 with a one-line reason when it is not.
 */
@NullMarked
package io.purplesector.kafkasetup;

import org.jspecify.annotations.NullMarked;
