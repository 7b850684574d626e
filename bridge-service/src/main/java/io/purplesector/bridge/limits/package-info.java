/** What one client, one user and one address may open and send. */
@NullMarked
package io.purplesector.bridge.limits;

import org.jspecify.annotations.NullMarked;
