package dev.duplex.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The README's quick start works as pasted: its {@code Hello} class, compiled from the README,
 * talks to {@link ExampleServer} over loopback and prints what the README says it prints; its
 * {@code pom.xml} imports this build's BOM and names artifacts the BOM manages, with the plugin
 * versions the parent pins.
 */
class QuickStartTest {
  @TempDir
  Path out;

  @Test
  void readme_helloClass_printsTheEchoAndACleanClose() throws Exception {
    JavaBlocks hello = JavaBlocks.in(DocumentationCodeBlocksTest.ROOT.resolve("README.md")).stream()
        .filter(b -> b.className().equals("Hello")).findFirst()
        .orElseThrow(() -> new AssertionError("README.md has no public class Hello"));
    assertEquals("", BlockCompiler.compile(hello, out));

    String printed;
    try (ExampleServer server = ExampleServer.start(0);
        URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
            getClass().getClassLoader())) {
      Method main = loader.loadClass("com.example.Hello").getMethod("main", String[].class);
      printed = runCapturingStandardOutput(() ->
          main.invoke(null, (Object) new String[] {server.uri("/echo").toString()}));
    }
    assertEquals("received: Hello, Duplex!\nclosed: code 1000, clean true\n",
        printed.replace(System.lineSeparator(), "\n"));
  }

  /** Runs {@code main} on its own thread, bounded in time, with System.out captured. */
  private static String runCapturingStandardOutput(ThrowingRunnable main) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
        try {
          main.run();
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw new IllegalStateException("Hello.main threw " + e.getCause(), e.getCause());
        } catch (Exception e) {
          throw new IllegalStateException("Hello.main could not be called: " + e, e);
        }
      });
      done.get(ServerFixture.WAIT_SECONDS, TimeUnit.SECONDS);
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void readme_quickStartPom_importsThisBuildsBomAndPinnedPlugins() throws Exception {
    String readme = java.nio.file.Files.readString(
        DocumentationCodeBlocksTest.ROOT.resolve("README.md"));
    int start = readme.indexOf("```xml\n") + "```xml\n".length();
    Document pom = parse(readme.substring(start, readme.indexOf("```", start)));
    Document parent = parse(java.nio.file.Files.readString(
        DocumentationCodeBlocksTest.ROOT.resolve("pom.xml")));
    Document bom = parse(java.nio.file.Files.readString(
        DocumentationCodeBlocksTest.ROOT.resolve("bom/pom.xml")));

    Element imported = (Element) pom.getElementsByTagName("dependencyManagement").item(0);
    assertEquals("duplex-bom", text(imported, "artifactId"));
    assertEquals(text(parent.getDocumentElement(), "version"), text(imported, "version"));
    String managed = bom.getElementsByTagName("dependencyManagement").item(0).getTextContent();
    NodeList deps = ((Element) pom.getElementsByTagName("dependencies").item(1))
        .getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      String artifact = text((Element) deps.item(i), "artifactId");
      assertTrue(managed.contains(artifact), artifact + " is not managed by the BOM");
    }
    NodeList plugins = pom.getElementsByTagName("plugin");
    List<String> pinned = new java.util.ArrayList<>();
    NodeList properties = parent.getElementsByTagName("properties").item(0).getChildNodes();
    for (int i = 0; i < properties.getLength(); i++) {
      pinned.add(properties.item(i).getTextContent().strip());
    }
    for (int i = 0; i < plugins.getLength(); i++) {
      String version = text((Element) plugins.item(i), "version");
      assertTrue(pinned.contains(version),
          text((Element) plugins.item(i), "artifactId") + " " + version
              + " is not the version the parent pom pins");
    }
    assertEquals(List.of("17"), List.of(text(pom.getDocumentElement(), "maven.compiler.release")));
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static String text(Element parent, String tag) {
    return parent.getElementsByTagName(tag).item(0).getTextContent().strip();
  }
}
