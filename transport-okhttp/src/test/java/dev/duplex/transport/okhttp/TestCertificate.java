package dev.duplex.transport.okhttp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made with the JDK's {@code keytool} for one test run, and the client
 * and server TLS contexts built on it.
 *
 * <p>Threading: immutable after creation.
 */
final class TestCertificate {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private final Path keyStore;

  private TestCertificate(Path keyStore) {
    this.keyStore = keyStore;
  }

  private static final java.util.Map<String, TestCertificate> MADE =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param san the subject alternative names, e.g. {@code "ip:127.0.0.1"}
   * @return a certificate for them, made once per test run (keytool is slow to start)
   */
  static synchronized TestCertificate create(String san) throws IOException, InterruptedException {
    TestCertificate made = MADE.get(san);
    if (made == null) {
      made = make(san);
      MADE.put(san, made);
    }
    return made;
  }

  private static TestCertificate make(String san) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("duplex-okhttp-tls");
    Path ks = dir.resolve("server.p12");
    Process p = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
            "-dname", "CN=duplex test", "-ext", "san=" + san, "-validity", "2",
            "-storetype", "PKCS12", "-keystore", ks.toString(),
            "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
        .redirectErrorStream(true)
        .start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    ks.toFile().deleteOnExit();
    dir.toFile().deleteOnExit();
    return new TestCertificate(ks);
  }

  /** @return a server context presenting this certificate */
  SSLContext serverContext() throws IOException, GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(load(), PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** @return a client context that trusts exactly this certificate */
  SSLContext clientContext() throws IOException, GeneralSecurityException {
    KeyStore ks = load();
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", ks.getCertificate("server"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  private KeyStore load() throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }
}
