package dev.duplex.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duplex.SyntaxError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** W3C constructor step 5: subprotocols are distinct RFC 2616 tokens. */
class ProtocolListValidatorTest {

  @Test
  void section4_constructor_acceptsTokens() {
    List<String> ok = List.of("chat", "v1.json", "x-custom_proto~2", "!#$%&'*+-.^_`|~");
    assertEquals(ok, ProtocolListValidator.validate(ok));
  }

  @Test
  void section4_constructor_rejectsEmptyProtocol() {
    assertThrows(SyntaxError.class, () -> ProtocolListValidator.validate(List.of("")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"(", ")", "<", ">", "@", ",", ";", ":", "\\", "\"", "/", "[", "]", "?",
      "=", "{", "}", " ", "\t"})
  void section4_constructor_rejectsSeparators(String separator) {
    assertThrows(SyntaxError.class,
        () -> ProtocolListValidator.validate(List.of("a" + separator + "b")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0000", "\u001f", "\u007f", "\u0080", "\u00e9", "\ud83d\ude00"})
  void section4_constructor_rejectsCharactersOutside21To7E(String c) {
    assertThrows(SyntaxError.class, () -> ProtocolListValidator.validate(List.of("a" + c)));
  }

  @Test
  void section4_constructor_rejectsDuplicatesCaseSensitively() {
    assertThrows(SyntaxError.class, () -> ProtocolListValidator.validate(List.of("a", "b", "a")));
    assertEquals(List.of("chat", "CHAT"), ProtocolListValidator.validate(List.of("chat", "CHAT")));
  }
}
