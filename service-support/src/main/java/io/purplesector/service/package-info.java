/** Auto-configuration shared by the Purple Sector services (Kafka health). */
@NullMarked
package io.purplesector.service;

import org.jspecify.annotations.NullMarked;
