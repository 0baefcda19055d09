package dev.duplex.transport.okhttp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The head of the opening-handshake response (status line and header lines, up to the empty
 * line) as the socket delivers it, before OkHttp reads it.
 *
 * <p>It also makes the one repair OkHttp needs: RFC 6455 4.1 reads the {@code Connection} header
 * as a token list ({@code Connection: keep-alive, Upgrade} is valid, as is the list spread over
 * several lines), where OkHttp requires exactly {@code Upgrade}. When the tokens of a 101
 * response include {@code upgrade}, {@link #forOkHttp()} gives OkHttp the head with a single
 * {@code Connection: Upgrade} line in place of the first {@code Connection} line and without the
 * others. (The headers the engine sees are OkHttp's, so they show that normalised line.)
 *
 * <p>Threading: confined to the socket's reading thread.
 */
final class ResponseHead {
  private static final int MAX_BYTES = 64 << 10;

  private final byte[] bytes = new byte[MAX_BYTES];
  private int length;
  private boolean complete;

  /**
   * Takes response bytes up to the end of the head.
   *
   * @return how many of them belong to the head (the rest are frames)
   */
  int add(byte[] b, int off, int n) {
    int used = 0;
    while (used < n && !complete && length < MAX_BYTES) {
      bytes[length++] = b[off + used++];
      complete = length >= 4 && bytes[length - 1] == '\n' && bytes[length - 2] == '\r'
          && bytes[length - 3] == '\n' && bytes[length - 4] == '\r';
    }
    return used;
  }

  /** @return whether the empty line ending the head has arrived */
  boolean complete() {
    return complete;
  }

  /** @return whether the head outgrew the buffer (OkHttp will refuse such a response too) */
  boolean overflowed() {
    return !complete && length == MAX_BYTES;
  }

  /** @return the bytes taken so far, unchanged */
  byte[] raw() {
    return Arrays.copyOf(bytes, length);
  }

  private List<String> lines() {
    return List.of(new String(bytes, 0, length, StandardCharsets.ISO_8859_1).split("\r\n"));
  }

  /** @return whether the status is 101 Switching Protocols */
  boolean switchingProtocols() {
    String[] status = lines().get(0).split(" ");
    return status.length >= 2 && status[1].equals("101");
  }

  /** @return the values of the header lines named {@code name}, in order */
  List<String> values(String name) {
    List<String> values = new ArrayList<>();
    for (String line : lines().subList(1, lines().size())) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        values.add(line.substring(colon + 1).trim());
      }
    }
    return values;
  }

  /** @return the head to hand to OkHttp: {@link #raw()}, with the Connection repair above */
  byte[] forOkHttp() {
    List<String> connection = values("Connection");
    boolean upgrade = false;
    for (String value : connection) {
      for (String token : value.split(",")) {
        upgrade |= token.trim().equalsIgnoreCase("upgrade");
      }
    }
    boolean alreadySingle = connection.size() == 1 && connection.get(0).equalsIgnoreCase("upgrade");
    if (!complete || !switchingProtocols() || !upgrade || alreadySingle) {
      return raw();
    }
    StringBuilder out = new StringBuilder();
    boolean written = false;
    for (String line : lines()) {
      int colon = line.indexOf(':');
      boolean isConnection = colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT)
          .equals("connection");
      if (!isConnection) {
        out.append(line).append("\r\n");
      } else if (!written) {
        out.append("Connection: Upgrade\r\n");
        written = true;
      }
    }
    return out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
