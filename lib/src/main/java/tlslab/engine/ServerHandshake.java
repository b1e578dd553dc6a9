package tlslab.engine;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.Cipher;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeyExchange;
import tlslab.crypto.KeySchedule;
import tlslab.crypto.KeySchedule.KeyBlock;
import tlslab.crypto.NamedGroup;
import tlslab.handshake.CertificateMessage;
import tlslab.handshake.CertificateRequest;
import tlslab.handshake.CertificateVerify;
import tlslab.handshake.ClientHello;
import tlslab.handshake.ClientKeyExchange;
import tlslab.handshake.Extension;
import tlslab.handshake.Finished;
import tlslab.handshake.ServerHello;
import tlslab.handshake.ServerHelloDone;
import tlslab.handshake.ServerKeyExchange;
import tlslab.handshake.SignatureScheme;
import tlslab.keys.CertificateVerifier;
import tlslab.record.RecordCipher;

/** The server's side of the handshake (RFC 5246 §7.3), full or resumed. */
final class ServerHandshake {
    private final Connection conn;
    private final HandshakeIO io;
    private final TlsConfig config;

    ServerHandshake(Connection conn) {
        this.conn = conn;
        this.io = conn.io;
        this.config = conn.config;
    }

    void run() throws IOException {
        if (config.privateKey == null) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, "server has no certificate and key (TlsConfig.identity)");
        }
        ClientHello hello = io.expect(ClientHello.class, null);
        checkClientHello(hello);
        Session cached = config.sessionCache.get(hello.sessionId());
        if (cached != null && hello.cipherSuites().contains(cached.cipherSuite().id)
                && config.cipherSuites.contains(cached.cipherSuite())) {
            resume(hello, cached);
            return;
        }
        CipherSuite suite = chooseSuite(hello);
        NamedGroup group = suite.keyExchange == KeyExchange.ECDHE ? chooseGroup(hello) : null;
        byte[] sessionId = new byte[32];
        config.random().nextBytes(sessionId);
        ServerHello sh = serverHello(hello, sessionId, suite);
        io.send(sh);
        io.send(CertificateMessage.of(config.certificateChain));
        KeyPair ecdhe = null;
        if (group != null) {
            ecdhe = group.generate(config.random());
            io.send(serverKeyExchange(hello, sh, group, ecdhe));
        }
        if (config.requireClientCertificate) io.send(certificateRequest());
        io.send(new ServerHelloDone());

        List<X509Certificate> clientChain = config.requireClientCertificate ? clientCertificate() : List.of();
        ClientKeyExchange cke = io.expect(ClientKeyExchange.class, suite.keyExchange);
        byte[] preMaster = group == null ? rsaPreMaster(hello, cke) : group.agree(ecdhe.getPrivate(), group.decode(cke.exchangeKeys()));
        if (!clientChain.isEmpty()) checkCertificateVerify(clientChain.get(0));

        byte[] master = KeySchedule.masterSecret(config.prf, preMaster, hello.random(), sh.random());
        KeyBlock keys = KeySchedule.keyBlock(config.prf, suite, master, hello.random(), sh.random());
        io.receiveChangeCipherSpec(RecordCipher.create(suite, keys, true, config.random()));
        byte[] clientVd = KeySchedule.verifyData(config.prf, master, true, io.handshakeMessages());
        HandshakeIO.checkFinished(clientVd, io.expect(Finished.class, null).verifyData(), "client");
        io.sendChangeCipherSpec(RecordCipher.create(suite, keys, false, config.random()));
        byte[] serverVd = KeySchedule.verifyData(config.prf, master, false, io.handshakeMessages());
        io.send(new Finished(serverVd));

        Session session = new Session(sessionId, suite, master, clientChain);
        config.sessionCache.put(session);
        conn.finishHandshake(session, new Secrets(suite, hello.random(), sh.random(), preMaster, master, keys, clientVd, serverVd), false);
    }

    private void checkClientHello(ClientHello hello) throws TlsException {
        if (hello.clientVersion() < ClientHandshake.TLS12) {
            throw new TlsException(AlertDescription.PROTOCOL_VERSION, String.format("ClientHello.client_version is %s: "
                    + "this server accepts only TLS 1.2; SSL 3.0, TLS 1.0 and 1.1 are broken or obsolete",
                    versionName(hello.clientVersion())));
        }
        Extension reneg = Extension.find(hello.extensions(), Extension.RENEGOTIATION_INFO);
        if (reneg != null && !java.util.Arrays.equals(reneg.data(), new byte[] {0})) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE,
                    "ClientHello.renegotiation_info must be empty on a first handshake (RFC 5746 §3.6)");
        }
        boolean nullCompression = false;
        for (byte c : hello.compressionMethods()) nullCompression |= c == 0;
        if (!nullCompression) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ClientHello.compression_methods lacks null (0), which every client must offer");
        }
    }

    /** The server's most preferred suite that the client also offers. */
    private CipherSuite chooseSuite(ClientHello hello) throws TlsException {
        for (CipherSuite s : config.cipherSuites) {
            if (hello.cipherSuites().contains(s.id)) return s;
        }
        List<String> offered = hello.cipherSuites().stream().map(CipherSuite::nameOf).toList();
        throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "no cipher suite in common: the client offered "
                + offered + ", this server accepts " + config.cipherSuites);
    }

    private NamedGroup chooseGroup(ClientHello hello) throws TlsException {
        Extension ext = Extension.find(hello.extensions(), Extension.SUPPORTED_GROUPS);
        if (ext == null) return config.groups.get(0); // RFC 8422 §4: no extension means any curve will do
        List<Integer> offered = ext.codes();
        for (NamedGroup g : config.groups) {
            if (offered.contains(g.id)) return g;
        }
        throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "no elliptic curve in common for ECDHE: the client offered "
                + offered.stream().map(NamedGroup::nameOf).toList() + ", this server has " + config.groups);
    }

    /** Echoes only extensions we implement: renegotiation_info, and ec_point_formats when doing ECDHE. */
    private ServerHello serverHello(ClientHello hello, byte[] sessionId, CipherSuite suite) {
        byte[] random = new byte[32];
        config.random().nextBytes(random);
        List<Extension> ext = new ArrayList<>();
        if (hello.cipherSuites().contains(Extension.EMPTY_RENEGOTIATION_INFO_SCSV)
                || Extension.find(hello.extensions(), Extension.RENEGOTIATION_INFO) != null) {
            ext.add(Extension.renegotiationInfo());
        }
        if (suite.keyExchange == KeyExchange.ECDHE && Extension.find(hello.extensions(), Extension.EC_POINT_FORMATS) != null) {
            ext.add(Extension.ecPointFormats());
        }
        return new ServerHello(ClientHandshake.TLS12, random, sessionId, suite.id, 0, ext);
    }

    private ServerKeyExchange serverKeyExchange(ClientHello hello, ServerHello sh, NamedGroup group, KeyPair ecdhe)
            throws TlsException {
        byte[] point = group.encode(ecdhe.getPublic());
        int scheme = signatureScheme(hello);
        byte[] signed = ServerKeyExchange.signedData(hello.random(), sh.random(), group.id, point);
        byte[] sig = Signatures.sign(SignatureScheme.jcaName(scheme), config.privateKey, signed);
        return new ServerKeyExchange(group.id, point, scheme, sig);
    }

    /** rsa_pkcs1_sha256 if the client lists it; with no signature_algorithms, SHA-1 as RFC 5246 §7.4.1.4.1 says. */
    private int signatureScheme(ClientHello hello) throws TlsException {
        Extension ext = Extension.find(hello.extensions(), Extension.SIGNATURE_ALGORITHMS);
        if (ext == null) return SignatureScheme.RSA_PKCS1_SHA1;
        List<Integer> offered = ext.codes();
        for (int s : ClientHandshake.SIGNATURE_SCHEMES) {
            if (offered.contains(s)) return s;
        }
        throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "the client accepts none of the RSA signature schemes "
                + "this server signs with; it offered " + offered.stream().map(SignatureScheme::nameOf).toList());
    }

    private CertificateRequest certificateRequest() {
        List<byte[]> cas = config.trustedCas.stream().map(c -> c.getSubjectX500Principal().getEncoded()).toList();
        return new CertificateRequest(new byte[] {CertificateRequest.RSA_SIGN}, List.of(SignatureScheme.RSA_PKCS1_SHA256), cas);
    }

    private List<X509Certificate> clientCertificate() throws IOException {
        List<X509Certificate> chain = io.expect(CertificateMessage.class, null).chain();
        if (chain.isEmpty()) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE,
                    "the client sent no certificate, but this server requires client authentication");
        }
        CertificateVerifier.verify(chain, config.trustedCas, null, config.clock.instant());
        return chain;
    }

    /**
     * RSA key exchange with the RFC 5246 §7.4.7.1 countermeasure: if decryption fails in any way, go
     * on with a random pre-master secret, so a bad ciphertext looks the same as a good one until
     * Finished fails (no padding oracle for Bleichenbacher's attack).
     */
    private byte[] rsaPreMaster(ClientHello hello, ClientKeyExchange cke) {
        byte[] fallback = new byte[48];
        config.random().nextBytes(fallback);
        byte[] decrypted = null;
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.DECRYPT_MODE, config.privateKey);
            decrypted = rsa.doFinal(cke.exchangeKeys());
        } catch (GeneralSecurityException | RuntimeException e) {
            // fall through to the random pre-master secret
        }
        byte[] preMaster = decrypted != null && decrypted.length == 48 ? decrypted : fallback;
        preMaster[0] = (byte) (hello.clientVersion() >>> 8);
        preMaster[1] = (byte) hello.clientVersion();
        return preMaster;
    }

    private void checkCertificateVerify(X509Certificate clientCert) throws IOException {
        byte[] signedMessages = io.handshakeMessages();
        CertificateVerify cv = io.expect(CertificateVerify.class, null);
        String alg = SignatureScheme.jcaName(cv.signatureScheme());
        if (cv.signatureScheme() != SignatureScheme.RSA_PKCS1_SHA256
                || !Signatures.verify(alg, clientCert.getPublicKey(), signedMessages, cv.signature())) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "CertificateVerify.signature ("
                    + SignatureScheme.nameOf(cv.signatureScheme()) + ") does not verify with the client certificate's key: "
                    + "the client did not prove it holds that certificate's private key");
        }
    }

    /** Abbreviated handshake: same session ID back, then ChangeCipherSpec and Finished from the server first. */
    private void resume(ClientHello hello, Session s) throws IOException {
        CipherSuite suite = s.cipherSuite();
        ServerHello sh = serverHello(hello, s.id(), suite);
        io.send(sh);
        byte[] master = s.masterSecret();
        KeyBlock keys = KeySchedule.keyBlock(config.prf, suite, master, hello.random(), sh.random());
        io.sendChangeCipherSpec(RecordCipher.create(suite, keys, false, config.random()));
        byte[] serverVd = KeySchedule.verifyData(config.prf, master, false, io.handshakeMessages());
        io.send(new Finished(serverVd));
        io.receiveChangeCipherSpec(RecordCipher.create(suite, keys, true, config.random()));
        byte[] clientVd = KeySchedule.verifyData(config.prf, master, true, io.handshakeMessages());
        HandshakeIO.checkFinished(clientVd, io.expect(Finished.class, null).verifyData(), "client");
        conn.finishHandshake(s, new Secrets(suite, hello.random(), sh.random(), null, master, keys, clientVd, serverVd), true);
    }

    private static String versionName(int v) {
        return switch (v) {
            case 0x0300 -> "SSL 3.0 (0x0300)";
            case 0x0301 -> "TLS 1.0 (0x0301)";
            case 0x0302 -> "TLS 1.1 (0x0302)";
            default -> String.format("0x%04X", v);
        };
    }
}
