package dev.duplex.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's commands are the project's real ones: the test command is what {@code .ci/run}
 * runs, the certification command is the agreed main job, and the bench command is the one
 * {@code bench/README.md} gives.
 */
class ReadmeCommandsTest {
  private static final Path ROOT = DocumentationCodeBlocksTest.ROOT;

  private static String read(String file) throws IOException {
    return Files.readString(ROOT.resolve(file));
  }

  @Test
  void readme_testCommand_isWhatCiRuns() throws IOException {
    String command = "mvn -B -ntp verify";
    assertTrue(read(".ci/run").contains(command), ".ci/run no longer runs " + command);
    assertTrue(read("README.md").contains("```\n" + command + "\n```"),
        "README.md must show the test command " + command + " in a block of its own");
  }

  @Test
  void readme_certificationCommand_isTheMainJob() throws IOException {
    assertTrue(read("README.md").contains("```\nmvn -B -ntp -q install -DskipTests && java -jar "
        + "certification/target/duplex-certification.jar\n```"));
  }

  @Test
  void readme_benchCommand_isTheOneBenchReadmeGives() throws IOException {
    String bench = read("bench/README.md");
    int start = bench.indexOf("```\n") + 4;
    String command = bench.substring(start, bench.indexOf("\n```", start)).strip();
    assertTrue(read("README.md").contains("```\n" + command + "\n```"),
        "README.md must show bench/README.md's command: " + command);
  }
}
