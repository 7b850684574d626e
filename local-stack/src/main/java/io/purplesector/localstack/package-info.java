/** Runs the whole suite on one machine with embedded defaults. */
package io.purplesector.localstack;
