/**
 * Guice 7 wiring of Duplex: install {@link dev.duplex.guice.DuplexModule} to inject a singleton
 * {@link dev.duplex.WebSocketContext} configured from the optional bindings of
 * {@link dev.duplex.guice.DuplexKeys}, with the transport chosen per environment (binding, then
 * the {@code duplex.transport} system property, then the {@code DUPLEX_TRANSPORT} environment
 * variable, then the highest priority on the class path), and close it through
 * {@link dev.duplex.guice.DuplexLifecycle} when the application stops.
 */
package dev.duplex.guice;
