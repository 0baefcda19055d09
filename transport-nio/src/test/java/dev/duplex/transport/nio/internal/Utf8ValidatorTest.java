package dev.duplex.transport.nio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8ValidatorTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "",
      "48656c6c6f",               // ASCII
      "cebae1bdb9cf83cebcceb5",   // Greek "kosme" (Autobahn 6.2)
      "c280",                     // U+0080, smallest two-byte
      "dfbf",                     // U+07FF
      "e0a080",                   // U+0800, smallest three-byte
      "ed9fbf",                   // U+D7FF, just below the surrogates
      "ee8080",                   // U+E000, just above the surrogates
      "efbfbf",                   // U+FFFF
      "f0908080",                 // U+10000, smallest four-byte
      "f48fbfbf",                 // U+10FFFF, the largest code point
  })
  void rfc3629_accepts(String hex) {
    byte[] b = Hex.bytes(hex);
    assertTrue(Utf8Validator.isValid(b, 0, b.length));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
      "c0af, overlong two-byte slash",
      "c1bf, overlong two-byte",
      "e080af, overlong three-byte slash",
      "f08080af, overlong four-byte slash",
      "eda080, surrogate U+D800",
      "edbfbf, surrogate U+DFFF",
      "f4908080, above U+10FFFF",
      "f5808080, lead byte F5",
      "ff, byte FF",
      "80, lone continuation",
      "c2, truncated two-byte",
      "e282, truncated three-byte",
      "f09f98, truncated four-byte",
      "c241, lead followed by ASCII",
      "cebae1bdb9cf83cebcceb5eda080656469746564, Autobahn 6.3.1 surrogate inside text",
  })
  void rfc3629_rejects(String hex, String what) {
    byte[] b = Hex.bytes(hex);
    assertFalse(Utf8Validator.isValid(b, 0, b.length), what);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
      "c0af, 0",
      "eda080, 1",
      "f4908080, 1",
      "cebae1bdb9cf83cebcceb5eda080656469746564, 12",
  })
  void rfc6455_8_1_failsAsSoonAsTheSequenceIsCertainlyInvalid(String hex, int failingByte) {
    byte[] b = Hex.bytes(hex);
    Utf8Validator v = new Utf8Validator();
    int firstFalse = -1;
    for (int i = 0; i < b.length; i++) {
      if (!v.feed(b, i, 1)) {
        firstFalse = i;
        break;
      }
    }
    assertEquals(failingByte, firstFalse);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 7})
  void rfc6455_8_1_validatesAcrossFragmentBoundaries(int chunk) {
    byte[] b = "Grüße, 世界, and more ASCII to skip over fast 😀".getBytes(StandardCharsets.UTF_8);
    Utf8Validator v = new Utf8Validator();
    for (int i = 0; i < b.length; i += chunk) {
      assertTrue(v.feed(b, i, Math.min(chunk, b.length - i)));
    }
    assertTrue(v.isComplete());
    v.reset();
    assertTrue(v.feed(b, 0, b.length - 1)); // cut inside the emoji's last byte
    assertFalse(v.isComplete());
  }
}
