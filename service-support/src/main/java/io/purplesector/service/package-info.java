/**
 * What every Purple Sector service uses: Kafka health, the health and lag of its listeners, and
 * the log format switch.
 */
@NullMarked
package io.purplesector.service;

import org.jspecify.annotations.NullMarked;
