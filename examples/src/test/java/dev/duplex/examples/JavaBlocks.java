package dev.duplex.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ```java} blocks of a Markdown file, each turned into a compilation unit by the
 * convention of {@code docs/code-blocks.md}:
 *
 * <ul>
 *   <li>a block with a top-level type (a line starting {@code package}, {@code import},
 *       {@code class}, {@code public class}, {@code final class}, {@code record},
 *       {@code interface}...) is a whole file, compiled as written;
 *   <li>a block whose first line is {@code // members} holds fields and methods, and goes into the
 *       body of a class;
 *   <li>any other block is a fragment of statements, and goes into a method body that
 *       {@code throws Exception}, in a class with fields {@code context}
 *       ({@code WebSocketContext}), {@code socket} ({@code WebSocket}) and {@code injector}
 *       ({@code Injector}) that a fragment may use or shadow.
 * </ul>
 * Wrapped blocks get {@link #IMPORTS}.
 *
 * <p>Threading: immutable.
 *
 * @param source the Markdown file
 * @param line the line of the opening fence
 * @param code the block's text
 */
record JavaBlocks(Path source, int line, String code) {
  /** What a wrapped block may use without importing it. */
  static final String IMPORTS = String.join("\n",
      "import com.google.inject.*;",
      "import com.google.inject.Module;",
      "import com.google.inject.multibindings.OptionalBinder;",
      "import com.google.inject.util.Modules;",
      "import dev.duplex.*;",
      "import dev.duplex.EventListener;",
      "import dev.duplex.guice.*;",
      "import dev.duplex.spi.*;",
      "import java.net.*;",
      "import java.nio.ByteBuffer;",
      "import java.time.Duration;",
      "import java.util.*;",
      "import java.util.concurrent.*;",
      "import javax.net.ssl.SSLContext;",
      "");

  private static final Pattern WHOLE_FILE = Pattern.compile(
      "^(package|import|(public |final |abstract )*(class|interface|record|enum)) ",
      Pattern.MULTILINE);
  private static final Pattern PUBLIC_TYPE = Pattern.compile(
      "^public (final |abstract )*(class|interface|record|enum) (\\w+)", Pattern.MULTILINE);

  /**
   * @param markdown a Markdown file
   * @return its {@code ```java} blocks, in order
   * @throws IOException if it cannot be read
   * @throws IllegalStateException if a block is not closed
   */
  static List<JavaBlocks> in(Path markdown) throws IOException {
    List<String> lines = Files.readAllLines(markdown);
    List<JavaBlocks> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      int start = i;
      StringBuilder code = new StringBuilder();
      for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
        code.append(lines.get(i)).append('\n');
      }
      if (i == lines.size()) {
        throw new IllegalStateException(
            markdown + ":" + (start + 1) + ": the java block is not closed");
      }
      blocks.add(new JavaBlocks(markdown, start + 1, code.toString()));
    }
    return blocks;
  }

  /** @return the name of the class the compilation unit declares (its file name without .java) */
  String className() {
    if (isWholeFile()) {
      Matcher m = PUBLIC_TYPE.matcher(code);
      return m.find() ? m.group(3) : "Block" + line;
    }
    return "Block" + line;
  }

  /** @return the compilation unit to compile */
  String compilationUnit() {
    if (isWholeFile()) {
      return code;
    }
    String body = code.startsWith("// members") ? code
        : "void block() throws Exception {\n" + code + "}\n";
    return IMPORTS + "class " + className() + " {\n"
        + "WebSocketContext context; WebSocket socket; Injector injector;\n" + body + "}\n";
  }

  private boolean isWholeFile() {
    return WHOLE_FILE.matcher(code).find();
  }

  @Override
  public String toString() {
    return source.getFileName() + ":" + line;
  }
}
