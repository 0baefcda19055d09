package dev.duplex.transport.okhttp;

import java.util.List;

/**
 * What a connection offered in its opening handshake, carried as the OkHttp request's tag so that
 * the {@link HandshakeInterceptor} can check the response against it.
 *
 * <p>Threading: immutable.
 *
 * @param protocols the subprotocols offered, in order, empty for none
 * @param permessageDeflate whether permessage-deflate is offered
 * @param secure whether the connection is {@code wss:}
 * @param maxMessageSize the largest message to accept, after decompression
 * @param wire what the connection asks of the bytes its socket writes
 */
record HandshakeOffer(
    List<String> protocols,
    boolean permessageDeflate,
    boolean secure,
    long maxMessageSize,
    WireControl wire) {
  HandshakeOffer {
    protocols = List.copyOf(protocols);
  }
}
