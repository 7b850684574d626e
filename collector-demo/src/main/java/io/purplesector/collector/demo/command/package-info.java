/** Commands from dashboards (through the {@code commands} topic) that start, pause, resume and stop sessions. */
@NullMarked
package io.purplesector.collector.demo.command;

import org.jspecify.annotations.NullMarked;
