package dev.duplex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File API Blob as Duplex exposes it: immutable bytes with a type. */
class BlobTest {
  private final byte[] data = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

  @Test
  void blob_isImmutable() {
    byte[] source = data.clone();
    Blob b = Blob.of(source);
    source[0] = 42;
    b.bytes()[1] = 42;
    assertArrayEquals(data, b.bytes());
    assertEquals(10, b.size());
  }

  @Test
  void blob_sliceFollowsTheFileApi() {
    Blob b = Blob.of(data, "text/plain");
    assertArrayEquals(new byte[] {2, 3, 4}, b.slice(2, 5).bytes());
    assertArrayEquals(new byte[] {7, 8, 9}, b.slice(-3).bytes());
    assertArrayEquals(new byte[] {7, 8}, b.slice(-3, -1).bytes());
    assertEquals(0, b.slice(5, 2).size());
    assertEquals(10, b.slice(-100, 100).size());
    assertEquals("", b.slice().type(), "a slice has the empty type unless given one");
    assertEquals("image/png", b.slice(0, 1, "IMAGE/PNG").type());
    assertArrayEquals(new byte[] {3}, b.slice(2, 5).slice(1, 2).bytes());
  }

  @Test
  void blob_typeIsLowerCaseOrEmptyWhenNotPrintableAscii() {
    assertEquals("application/json", Blob.of(data, "Application/JSON").type());
    assertEquals("", Blob.of(data, "text/\u00e9").type());
    assertEquals("", Blob.of(data, "a\nb").type());
  }

  @Test
  void blob_streamAndFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("x.bin");
    Files.write(f, data);
    Blob b = Blob.of(f, "application/octet-stream");
    assertArrayEquals(data, b.bytes());
    assertArrayEquals(new byte[] {4, 5}, b.slice(4, 6).stream().readAllBytes());
  }
}
