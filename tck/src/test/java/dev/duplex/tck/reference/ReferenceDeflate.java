package dev.duplex.tck.reference;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate (RFC 7692) for the reference transport: the response's parameters and the
 * codec. The offer is plain {@code permessage-deflate}: the JDK's {@link Deflater} always uses a
 * 15-bit window, so {@code client_max_window_bits} is never offered and a response carrying it
 * fails the handshake (7.1.2.2).
 *
 * <p>Threading: compression on the writer thread, decompression on the reader thread; the two
 * halves share nothing.
 */
final class ReferenceDeflate {
  private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
  private final boolean clientNoContextTakeover;
  private final boolean serverNoContextTakeover;
  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
  private final Inflater inflater = new Inflater(true);

  private ReferenceDeflate(boolean clientNoContextTakeover, boolean serverNoContextTakeover) {
    this.clientNoContextTakeover = clientNoContextTakeover;
    this.serverNoContextTakeover = serverNoContextTakeover;
  }

  /**
   * Reads the server's Sec-WebSocket-Extensions value.
   *
   * @param value the joined header values
   * @param faults the faults switched on
   * @return the negotiated codec
   * @throws IOException if the response is not a valid permessage-deflate acceptance of our offer
   */
  static ReferenceDeflate negotiate(String value, Set<Fault> faults) throws IOException {
    String[] parts = value.split(";");
    if (parts[0].contains(",") || !parts[0].trim().equalsIgnoreCase("permessage-deflate")) {
      throw new IOException("The server selected extensions that were not offered: " + value);
    }
    boolean clientNoContext = false;
    boolean serverNoContext = false;
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      String name = (p.contains("=") ? p.substring(0, p.indexOf('=')) : p).trim().toLowerCase(Locale.ROOT);
      if (!seen.add(name)) {
        throw new IOException("permessage-deflate parameter given twice: " + name);
      }
      switch (name) {
        case "client_no_context_takeover" -> clientNoContext = !faults.contains(Fault.DEFLATE_IGNORE_CLIENT_NO_CONTEXT);
        case "server_no_context_takeover" -> serverNoContext = true;
        case "server_max_window_bits" -> {
          // any window up to 15 bits inflates with the JDK's Inflater
        }
        case "client_max_window_bits" -> {
          if (!faults.contains(Fault.DEFLATE_ACCEPT_CLIENT_MAX_WINDOW_BITS)) {
            throw new IOException("The server answered client_max_window_bits, which was not offered");
          }
        }
        default -> throw new IOException("Unknown permessage-deflate parameter: " + name);
      }
    }
    return new ReferenceDeflate(clientNoContext, serverNoContext);
  }

  /** @param message a whole message @return its compressed payload (without the 00 00 FF FF tail) */
  byte[] compress(byte[] message) {
    deflater.setInput(message);
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 16);
    byte[] buf = new byte[8192];
    int n;
    while ((n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
      out.write(buf, 0, n);
    }
    if (clientNoContextTakeover) {
      deflater.reset();
    }
    byte[] all = out.toByteArray();
    return all.length >= 4 && Arrays.equals(all, all.length - 4, all.length, TAIL, 0, 4)
        ? Arrays.copyOf(all, all.length - 4) : all;
  }

  /**
   * @param compressed a whole compressed message
   * @param limit the largest message to accept
   * @return the message, or null if it is larger than {@code limit}
   * @throws DataFormatException if the bytes are not valid DEFLATE
   */
  byte[] decompress(byte[] compressed, long limit) throws DataFormatException {
    byte[] in = Arrays.copyOf(compressed, compressed.length + 4);
    System.arraycopy(TAIL, 0, in, compressed.length, 4);
    inflater.setInput(in);
    ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 2 + 16);
    byte[] buf = new byte[8192];
    while (!inflater.needsInput()) {
      int n = inflater.inflate(buf);
      if (n == 0 && (inflater.finished() || inflater.needsDictionary())) {
        break;
      }
      out.write(buf, 0, n);
      if (out.size() > limit) {
        return null;
      }
    }
    if (serverNoContextTakeover) {
      inflater.reset();
    }
    return out.toByteArray();
  }
}
