package dev.duplex;

/**
 * How a socket exposes received binary messages ({@code enum BinaryType}): as a {@link Blob}
 * or as a read-only {@link java.nio.ByteBuffer} (the Java form of an {@code ArrayBuffer}).
 *
 * <p>Threading: immutable.
 */
public enum BinaryType {
  /** Binary messages arrive as {@link Blob}s (the default). */
  BLOB("blob"),
  /** Binary messages arrive as read-only {@link java.nio.ByteBuffer}s. */
  ARRAYBUFFER("arraybuffer");

  private final String value;

  BinaryType(String value) {
    this.value = value;
  }

  /** @return the specification's string, {@code "blob"} or {@code "arraybuffer"} */
  public String value() {
    return value;
  }

  /**
   * @param value {@code "blob"} or {@code "arraybuffer"}
   * @return the matching constant
   * @throws IllegalArgumentException if {@code value} is neither
   * @throws NullPointerException if {@code value} is null
   */
  public static BinaryType of(String value) {
    for (BinaryType t : values()) {
      if (t.value.equals(value)) {
        return t;
      }
    }
    if (value == null) {
      throw new NullPointerException("value");
    }
    throw new IllegalArgumentException(
        "A binary type is \"blob\" or \"arraybuffer\", not \"" + value + "\".");
  }
}
