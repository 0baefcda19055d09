/**
 * The Duplex transport over Jetty 12's WebSocket client: {@link
 * dev.duplex.transport.jetty.JettyTransportProvider}, registered for {@link java.util.ServiceLoader}
 * under the name {@code "jetty"}. Everything else in the package is internal;
 * {@link dev.duplex.transport.jetty.JettyEndpoint} is public only because Jetty requires its
 * listeners to be.
 */
package dev.duplex.transport.jetty;
