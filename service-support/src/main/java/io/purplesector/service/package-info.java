/**
 * What the Purple Sector services share: Kafka health, the log format switch, and the collectors'
 * way of publishing (user topics, the record contract).
 */
@NullMarked
package io.purplesector.service;

import org.jspecify.annotations.NullMarked;
