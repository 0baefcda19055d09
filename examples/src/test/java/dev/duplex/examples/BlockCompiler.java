package dev.duplex.examples;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardLocation;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one documentation block with {@code javax.tools} against this module's test class
 * path.
 *
 * <p>One file manager serves every compilation, so the class path's jars are opened once (a
 * fresh one per block made the check several times slower).
 *
 * <p>Threading: {@link #compile} is synchronized; JUnit calls it from one thread anyway.
 */
final class BlockCompiler {
  private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
  private static final StandardJavaFileManager FILES = classPathFiles();

  private BlockCompiler() {}

  /**
   * @param block the block
   * @param out where its classes go
   * @return the compiler's diagnostics, empty if it compiled
   * @throws IOException if {@code out} cannot be written
   */
  static synchronized String compile(JavaBlocks block, Path out) throws IOException {
    Files.createDirectories(out);
    StringWriter diagnostics = new StringWriter();
    JavaFileObject unit = new SimpleJavaFileObject(
        URI.create("string:///" + block.className() + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return block.compilationUnit();
      }
    };
    List<String> options = List.of("--release", "17", "-proc:none", "-d", out.toString());
    boolean ok = JAVAC.getTask(diagnostics, FILES, null, options, null, List.of(unit)).call();
    return ok ? "" : block + " does not compile:\n" + diagnostics
        + "\n--- compiled as ---\n" + block.compilationUnit();
  }

  /** A file manager set once to the test class path (not per task, which would drop its cache). */
  private static StandardJavaFileManager classPathFiles() {
    // Surefire runs tests from a manifest-only jar; it names the real class path here.
    String path = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    StandardJavaFileManager files = JAVAC.getStandardFileManager(null, null, null);
    try {
      files.setLocation(StandardLocation.CLASS_PATH, Arrays.stream(path.split(File.pathSeparator))
          .filter(p -> !p.isEmpty()).map(File::new).toList());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot use the test class path " + path, e);
    }
    return files;
  }
}
