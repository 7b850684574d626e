/** What every Purple Sector service shares: Kafka health, the log format switch. */
@NullMarked
package io.purplesector.service;

import org.jspecify.annotations.NullMarked;
