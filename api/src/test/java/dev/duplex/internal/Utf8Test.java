package dev.duplex.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** WebIDL USVString conversion and UTF-8 lengths. */
class Utf8Test {

  @Test
  void usvString_wellFormedTextIsReturnedAsIs() {
    String s = "plain \u00e9 \ud83d\ude00";
    assertSame(s, Utf8.sanitize(s));
  }

  @Test
  void usvString_loneSurrogatesBecomeU_FFFD() {
    assertEquals("\ufffd", Utf8.sanitize("\ud800"));
    assertEquals("a\ufffdb", Utf8.sanitize("a\udc00b"));
    assertEquals("\ufffd\ud83d\ude00\ufffd", Utf8.sanitize("\ude00\ud83d\ude00\ud83d"));
    assertEquals("\ufffd\ufffd", Utf8.sanitize("\udc00\ud800"));
  }

  @Test
  void utf8_lengthMatchesTheEncoder() {
    for (String s : new String[] {"", "abc", "\u00e9", "\u20ac", "\ud83d\ude00", "a\u00e9\u20ac\ud83d\ude00",
        "\u07ff\u0800\uffff"}) {
      assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Utf8.length(s), s);
    }
  }
}
