package tlslab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tlslab.cli.LabServer;
import tlslab.crypto.CipherSuite;
import tlslab.engine.Connection;
import tlslab.engine.TestPki;
import tlslab.engine.TlsConfig;

/** The JDK's own TLS (SunJSSE) as peer: SSLServerSocket against our client, HttpClient against our server. */
@Timeout(60)
class JdkPeersTest {

    static {
        // With stateless tickets on (the default), SunJSSE keeps no session cache to resume by ID from.
        System.setProperty("jdk.tls.server.enableSessionTicketExtension", "false");
        // Newer JDKs disable TLS_RSA_* key exchange; the course still teaches it, so this test JVM re-enables it.
        String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
        if (disabled != null) {
            Security.setProperty("jdk.tls.disabledAlgorithms", Arrays.stream(disabled.split(","))
                    .map(String::trim).filter(s -> !s.startsWith("TLS_RSA_")).collect(Collectors.joining(", ")));
        }
    }

    static SSLContext context(boolean withKey) throws Exception {
        return context(withKey, "TLSv1.2");
    }

    static SSLContext context(boolean withKey, String protocol) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", TestPki.CA.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (withKey) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", TestPki.SERVER_KEYS.getPrivate(), new char[0],
                    new Certificate[] {TestPki.SERVER_CERT, TestPki.CA.certificate()});
            kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(keys, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance(protocol);
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** A JSSE server answering {@code connections} requests with a fixed HTTP response. */
    static CompletableFuture<Void> jsseServer(SSLServerSocket ss, int connections) {
        return CompletableFuture.runAsync(() -> {
            try (ss) {
                for (int i = 0; i < connections; i++) {
                    try (SSLSocket s = (SSLSocket) ss.accept()) {
                        s.setSoTimeout(15000);
                        InputStream in = s.getInputStream();
                        byte[] buf = new byte[1024];
                        in.read(buf);
                        OutputStream out = s.getOutputStream();
                        out.write(("HTTP/1.0 200 OK\r\n\r\nhello from JSSE, " + s.getSession().getCipherSuite())
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    static SSLServerSocket listen(String suite, boolean needClientAuth) throws Exception {
        SSLServerSocket ss = (SSLServerSocket) context(true).getServerSocketFactory()
                .createServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
        ss.setEnabledProtocols(new String[] {"TLSv1.2"});
        if (suite != null) ss.setEnabledCipherSuites(new String[] {suite});
        ss.setNeedClientAuth(needClientAuth);
        return ss;
    }

    static Connection get(int port, TlsConfig config) throws IOException {
        return HttpGet.get(port, config, "HTTP/1.0 200 OK\r\n\r\nhello from JSSE");
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void ourClientAgainstSslServerSocket(CipherSuite suite) throws Exception {
        SSLServerSocket ss = listen(suite.name(), false);
        CompletableFuture<Void> server = jsseServer(ss, 1);
        Connection c = get(ss.getLocalPort(), TestPki.client().cipherSuites(suite));
        server.get(20, TimeUnit.SECONDS);
        assertEquals(suite, c.session().cipherSuite());
    }

    @Test
    void resumptionAgainstSslServerSocket() throws Exception {
        SSLServerSocket ss = listen(null, false);
        CompletableFuture<Void> server = jsseServer(ss, 2);
        Connection first = get(ss.getLocalPort(), TestPki.client());
        Connection second = get(ss.getLocalPort(), TestPki.client().resume(first.session()));
        server.get(20, TimeUnit.SECONDS);
        assertTrue(second.resumed(), second.transcript().names().toString());
    }

    @Test
    void clientAuthenticationAgainstSslServerSocket() throws Exception {
        SSLServerSocket ss = listen(null, true);
        CompletableFuture<Void> server = jsseServer(ss, 1);
        Connection c = get(ss.getLocalPort(),
                TestPki.client().identity(List.of(TestPki.CLIENT_CERT), TestPki.CLIENT_KEYS.getPrivate()));
        server.get(20, TimeUnit.SECONDS);
        assertTrue(c.transcript().names().contains("CertificateVerify"));
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void httpClientAgainstOurServer(CipherSuite suite) throws Exception {
        try (LabServer server = OurServer.start(c -> c)) {
            SSLParameters params = new SSLParameters(new String[] {suite.name()}, new String[] {"TLSv1.2"});
            HttpClient http = HttpClient.newBuilder().sslContext(context(false)).sslParameters(params).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("Cipher suite: <code>" + suite.name()), r.body());
        }
    }
}
