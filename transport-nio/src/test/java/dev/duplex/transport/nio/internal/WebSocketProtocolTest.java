package dev.duplex.transport.nio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WebSocketProtocolTest {
  @Test
  void rfc6455_1_3_acceptHeaderOfTheSampleNonce() {
    assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
        WebSocketProtocol.acceptHeader("dGhlIHNhbXBsZSBub25jZQ=="));
  }
}
