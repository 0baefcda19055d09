package dev.duplex.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of {@code README.md} and {@code docs/*.md} compiles against this
 * module's test class path (Duplex, the three transports, the TCK, Guice), wrapped as
 * {@code docs/code-blocks.md} says ({@link JavaBlocks}). Each block is compiled on its own, so two
 * blocks may declare the same class.
 */
class DocumentationCodeBlocksTest {
  static final Path ROOT =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

  @TempDir
  Path out;

  static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(ROOT.resolve("README.md"));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  @Test
  void readme_hasJavaBlocksToCheck() throws IOException {
    assertTrue(JavaBlocks.in(ROOT.resolve("README.md")).size() >= 4,
        "the README's quick start has Java blocks; is " + ROOT + " the repository's root?");
  }

  @TestFactory
  Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
    List<JavaBlocks> blocks = new ArrayList<>();
    for (Path doc : documents()) {
      blocks.addAll(JavaBlocks.in(doc));
    }
    assertFalse(blocks.isEmpty());
    return blocks.stream().map(b -> DynamicTest.dynamicTest(b.toString(), () ->
        assertEquals("", BlockCompiler.compile(b, out.resolve(b.className() + b.line())))));
  }
}
