package dev.duplex.transport.nio.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The negotiated parameters of permessage-deflate (RFC 7692 section 7.1): what the client offers
 * and how the server's answer is checked and honoured.
 *
 * <p>The client offers {@code permessage-deflate; client_max_window_bits}: it compresses with
 * any window the server asks for (see {@link MessageDeflater}) and decompresses with a 32 KiB
 * window, which accepts every {@code server_max_window_bits}.
 *
 * <p>Threading: immutable.
 *
 * @param serverNoContextTakeover the server resets its compressor per message
 * @param clientNoContextTakeover the client must reset its compressor per message
 * @param clientMaxWindowBits the largest window the client's compressor may use, 8 to 15
 */
record PerMessageDeflate(
    boolean serverNoContextTakeover, boolean clientNoContextTakeover, int clientMaxWindowBits) {

  static final String NAME = "permessage-deflate";
  static final String OFFER = NAME + "; client_max_window_bits";

  /**
   * Checks the parameters of the server's {@code permessage-deflate} response.
   *
   * @param params the parameters, each {@code name} or {@code name=value}, already split
   * @return the agreed parameters
   * @throws WebSocketFailure if a parameter is unknown, repeated or has an invalid value
   */
  static PerMessageDeflate accept(Iterable<String> params) throws WebSocketFailure {
    boolean serverNoContext = false;
    boolean clientNoContext = false;
    int clientBits = 15;
    Set<String> seen = new HashSet<>();
    for (String param : params) {
      int eq = param.indexOf('=');
      String name = (eq < 0 ? param : param.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? null : unquote(param.substring(eq + 1).trim());
      if (!seen.add(name)) {
        throw reject("repeats the parameter " + name);
      }
      switch (name) {
        case "server_no_context_takeover":
          requireNoValue(name, value);
          serverNoContext = true;
          break;
        case "client_no_context_takeover":
          requireNoValue(name, value);
          clientNoContext = true;
          break;
        case "server_max_window_bits":
          windowBits(name, value);
          break;
        case "client_max_window_bits":
          clientBits = windowBits(name, value);
          break;
        default:
          throw reject("has the unknown parameter " + name);
      }
    }
    return new PerMessageDeflate(serverNoContext, clientNoContext, clientBits);
  }

  private static void requireNoValue(String name, String value) throws WebSocketFailure {
    if (value != null) {
      throw reject("gives " + name + " a value");
    }
  }

  private static int windowBits(String name, String value) throws WebSocketFailure {
    if (value == null || !value.matches("[1-9][0-9]?")) {
      throw reject("gives " + name + " the value " + value + ", not a number from 8 to 15");
    }
    int bits = Integer.parseInt(value);
    if (bits < 8 || bits > 15) {
      throw reject("gives " + name + " the value " + value + ", not a number from 8 to 15");
    }
    return bits;
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static WebSocketFailure reject(String what) {
    return WebSocketFailure.handshake("The server's permessage-deflate response " + what
        + " (RFC 7692 7.1).");
  }

  MessageDeflater newDeflater() {
    return new MessageDeflater(clientNoContextTakeover, clientMaxWindowBits);
  }

  MessageInflater newInflater() {
    return new MessageInflater(serverNoContextTakeover);
  }
}
