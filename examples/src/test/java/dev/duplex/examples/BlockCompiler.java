package dev.duplex.examples;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one documentation block with {@code javax.tools} against this module's test class
 * path.
 *
 * <p>Threading: one call at a time per instance; stateless otherwise.
 */
final class BlockCompiler {
  private BlockCompiler() {}

  /**
   * @param block the block
   * @param out where its classes go
   * @return the compiler's diagnostics, empty if it compiled
   * @throws IOException if {@code out} cannot be written
   */
  static String compile(JavaBlocks block, Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Files.createDirectories(out);
    StringWriter diagnostics = new StringWriter();
    JavaFileObject unit = new SimpleJavaFileObject(
        URI.create("string:///" + block.className() + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return block.compilationUnit();
      }
    };
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      List<String> options = List.of("--release", "17", "-proc:none", "-d", out.toString(),
          "-classpath", classPath());
      boolean ok = javac.getTask(diagnostics, files, null, options, null, List.of(unit)).call();
      return ok ? "" : block + " does not compile:\n" + diagnostics
          + "\n--- compiled as ---\n" + block.compilationUnit();
    }
  }

  /** Surefire runs tests from a manifest-only jar; it names the real class path here. */
  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null ? surefire : System.getProperty("java.class.path");
  }
}
