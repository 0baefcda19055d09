/**
 * The kit's client side: recorders of what a transport ({@link
 * dev.duplex.tck.client.RecordingListener})
 * or the api ({@link dev.duplex.tck.client.ApiSocket}) reports, with bounded waits.
 *
 * <p>Threading: callbacks from any thread; waits from the test thread.
 */
package dev.duplex.tck.client;
