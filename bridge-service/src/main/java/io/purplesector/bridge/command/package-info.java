/** Commands from dashboards, checked and published to the {@code commands} topic. */
@NullMarked
package io.purplesector.bridge.command;

import org.jspecify.annotations.NullMarked;
