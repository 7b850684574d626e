/** The ranges every collector holds a frame to before publishing it. */
@NullMarked
package io.purplesector.collector.plausibility;

import org.jspecify.annotations.NullMarked;
