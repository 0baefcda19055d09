package dev.duplex.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of {@code README.md} and {@code docs/*.md} compiles against this
 * module's test class path (Duplex, the three transports, Guice), wrapped as
 * {@code docs/code-blocks.md} says ({@link JavaBlocks}). Each block is compiled on its own, so two
 * blocks may declare the same class.
 */
class DocumentationCodeBlocksTest {
  private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
      .getParent();

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
        "the README's quick start has Java blocks; is " + ROOT.resolve("README.md") + " the README?");
  }

  @TestFactory
  Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
    List<JavaBlocks> blocks = new ArrayList<>();
    for (Path doc : documents()) {
      blocks.addAll(JavaBlocks.in(doc));
    }
    assertFalse(blocks.isEmpty());
    return blocks.stream().map(b -> DynamicTest.dynamicTest(b.toString(), () -> compile(b)));
  }

  private void compile(JavaBlocks block) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path dir = Files.createDirectories(out.resolve(block.className() + block.line()));
    StringWriter diagnostics = new StringWriter();
    JavaFileObject unit = new SimpleJavaFileObject(
        URI.create("string:///" + block.className() + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return block.compilationUnit();
      }
    };
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      List<String> options = List.of("--release", "17", "-proc:none", "-d", dir.toString(),
          "-classpath", classPath());
      boolean ok = javac.getTask(diagnostics, files, null, options, null, List.of(unit)).call();
      assertTrue(ok, () -> block + " does not compile:\n" + diagnostics
          + "\n--- compiled as ---\n" + block.compilationUnit());
    }
  }

  /** Surefire runs tests from a manifest-only jar; it names the real class path here. */
  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null ? surefire : System.getProperty("java.class.path");
  }
}
