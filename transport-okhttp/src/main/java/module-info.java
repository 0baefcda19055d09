/**
 * The OkHttp transport of Duplex: RFC 6455 over OkHttp 5's WebSocket client, registered as the
 * {@code "okhttp"} {@link dev.duplex.spi.TransportProvider}.
 */
module dev.duplex.transport.okhttp {
  requires transitive dev.duplex.spi;
  requires transitive okhttp3;
  requires okio;

  exports dev.duplex.transport.okhttp;

  provides dev.duplex.spi.TransportProvider with
      dev.duplex.transport.okhttp.OkHttpTransportProvider;
}
