package dev.duplex;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Immutable raw binary data with a media type (File API {@code Blob}), held in memory.
 *
 * <p>Every factory copies its input and every accessor returns a copy or a read-only view, so a
 * Blob never changes; {@link WebSocket#send(Blob)} therefore sends it without copying, and a
 * received Blob shares nothing with the transport.
 *
 * <p>{@link #type()} follows the File API: a type with a character outside U+0020–U+007E becomes
 * the empty string, and others are converted to ASCII lower case.
 *
 * <p>Threading: immutable, safe to share between threads.
 */
public final class Blob {
  private static final byte[] EMPTY = new byte[0];
  private final byte[] bytes;
  private final int offset;
  private final int length;
  private final String type;

  private Blob(byte[] bytes, int offset, int length, String type) {
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
    this.type = normalizeType(type);
  }

  /**
   * @param bytes the data, copied
   * @return a Blob of those bytes with the empty type
   * @throws NullPointerException if {@code bytes} is null
   */
  public static Blob of(byte[] bytes) {
    return of(bytes, "");
  }

  /**
   * @param bytes the data, copied
   * @param type the media type, for example {@code "image/png"}
   * @return a Blob of those bytes
   * @throws NullPointerException if an argument is null
   */
  public static Blob of(byte[] bytes, String type) {
    Objects.requireNonNull(type, "type");
    return new Blob(bytes.clone(), 0, bytes.length, type);
  }

  /**
   * Reads a whole file into memory now.
   *
   * @param file the file
   * @return a Blob of its bytes with the empty type
   * @throws IOException if the file cannot be read
   * @throws NullPointerException if {@code file} is null
   */
  public static Blob of(Path file) throws IOException {
    return of(file, "");
  }

  /**
   * Reads a whole file into memory now.
   *
   * @param file the file
   * @param type the media type
   * @return a Blob of its bytes
   * @throws IOException if the file cannot be read
   * @throws NullPointerException if an argument is null
   */
  public static Blob of(Path file, String type) throws IOException {
    Objects.requireNonNull(type, "type");
    byte[] data = Files.readAllBytes(file);
    return new Blob(data, 0, data.length, type);
  }

  /** Wraps bytes that nobody else will change (a received message), copying only if needed. */
  static Blob adopt(ByteBuffer data) {
    if (data.hasArray() && !data.isReadOnly()) {
      return new Blob(data.array(), data.arrayOffset() + data.position(), data.remaining(), "");
    }
    byte[] copy = new byte[data.remaining()];
    data.duplicate().get(copy);
    return new Blob(copy, 0, copy.length, "");
  }

  /** A read-only view of the bytes, position 0, without copying. */
  ByteBuffer content() {
    return ByteBuffer.wrap(bytes, offset, length).slice().asReadOnlyBuffer();
  }

  /** @return the size in bytes */
  public long size() {
    return length;
  }

  /** @return the media type, lower case, possibly empty */
  public String type() {
    return type;
  }

  /** @return a Blob of the same bytes with the empty type */
  public Blob slice() {
    return slice(0, length, "");
  }

  /**
   * @param start the first byte; negative counts from the end; clamped to the size
   * @return the bytes from {@code start} to the end, with the empty type
   */
  public Blob slice(long start) {
    return slice(start, length, "");
  }

  /**
   * @param start the first byte; negative counts from the end; clamped to the size
   * @param end the byte after the last; negative counts from the end; clamped to the size
   * @return those bytes (empty if {@code end <= start}), with the empty type
   */
  public Blob slice(long start, long end) {
    return slice(start, end, "");
  }

  /**
   * The File API's {@code slice(start, end, contentType)}.
   *
   * @param start the first byte; negative counts from the end; clamped to the size
   * @param end the byte after the last; negative counts from the end; clamped to the size
   * @param contentType the media type of the result
   * @return those bytes (empty if {@code end <= start}), sharing this Blob's memory
   * @throws NullPointerException if {@code contentType} is null
   */
  public Blob slice(long start, long end, String contentType) {
    Objects.requireNonNull(contentType, "contentType");
    int from = relative(start);
    int to = relative(end);
    int span = Math.max(to - from, 0);
    return new Blob(span == 0 ? EMPTY : bytes, span == 0 ? 0 : offset + from, span, contentType);
  }

  private int relative(long position) {
    long p = position < 0 ? Math.max(length + position, 0) : Math.min(position, length);
    return (int) p;
  }

  /** @return a copy of the bytes */
  public byte[] bytes() {
    return Arrays.copyOfRange(bytes, offset, offset + length);
  }

  /** @return a stream over the bytes */
  public InputStream stream() {
    return new ByteArrayInputStream(bytes, offset, length);
  }

  @Override
  public String toString() {
    return "Blob[size=" + length + ", type=" + type + "]";
  }

  private static String normalizeType(String type) {
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return "";
      }
    }
    return type.toLowerCase(Locale.ROOT);
  }
}
