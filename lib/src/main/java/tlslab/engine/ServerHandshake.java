package tlslab.engine;

import java.io.IOException;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeyExchange;
import tlslab.crypto.KeySchedule.KeyBlock;
import tlslab.crypto.KeySchedule;
import tlslab.crypto.NamedGroup;
import tlslab.handshake.CertificateMessage;
import tlslab.handshake.CertificateRequest;
import tlslab.handshake.CertificateVerify;
import tlslab.handshake.ClientHello;
import tlslab.handshake.ClientKeyExchange;
import tlslab.handshake.Extension;
import tlslab.handshake.Finished;
import tlslab.handshake.HelloExtensions;
import tlslab.handshake.ServerHello;
import tlslab.handshake.ServerHelloDone;
import tlslab.handshake.ServerKeyExchange;
import tlslab.handshake.SignatureScheme;
import tlslab.keys.CertificateVerifier;
import tlslab.record.RecordCipher;
import tlslab.wire.ProtocolVersion;

/** The server's side of the handshake (RFC 5246 §7.3), full or resumed. */
final class ServerHandshake {
    /** What ServerKeyExchange is signed with, by preference: PKCS#1 v1.5 first, RSA-PSS for clients that list only that. */
    static final List<Integer> SIGNS_WITH = List.of(SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384,
            SignatureScheme.RSA_PKCS1_SHA512, SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
            SignatureScheme.RSA_PSS_RSAE_SHA512);

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
        HelloExtensions ext = HelloExtensions.of(hello);
        Session cached = config.sessionCache.get(hello.sessionId());
        if (cached != null && hello.cipherSuites().contains(cached.cipherSuite().id)
                && config.cipherSuites.contains(cached.cipherSuite())) {
            resume(hello, ext, cached);
            return;
        }
        int scheme = signatureScheme(ext);
        NamedGroup group = chooseGroup(ext);
        CipherSuite suite = chooseSuite(hello, group);
        if (suite.keyExchange != KeyExchange.ECDHE) group = null;
        byte[] sessionId = new byte[32];
        config.random().nextBytes(sessionId);
        ServerHello sh = serverHello(ext, sessionId, suite);
        io.send(sh);
        io.versionAgreed();
        io.send(CertificateMessage.of(config.certificateChain));
        KeyPair ecdhe = null;
        if (group != null) {
            ecdhe = group.generate(config.random());
            io.send(serverKeyExchange(hello, sh, group, ecdhe, scheme));
        }
        if (config.requireClientCertificate) io.send(certificateRequest());
        io.send(new ServerHelloDone());

        List<X509Certificate> clientChain = config.requireClientCertificate ? clientCertificate() : List.of();
        ClientKeyExchange cke = io.expect(ClientKeyExchange.class, suite.keyExchange);
        byte[] preMaster = group == null ? rsaPreMaster(hello, cke) : group.agree(ecdhe.getPrivate(), group.decode(cke.exchangeKeys()));
        if (!clientChain.isEmpty()) checkCertificateVerify(clientChain.get(0));

        byte[] master = KeySchedule.masterSecret(config.prf, suite, preMaster, hello.random(), sh.random());
        KeyBlock keys = KeySchedule.keyBlock(config.prf, suite, master, hello.random(), sh.random());
        io.receiveChangeCipherSpec(RecordCipher.create(suite, keys, true, config.random()));
        byte[] clientVd = KeySchedule.verifyData(config.prf, suite, master, true, io.handshakeMessages());
        HandshakeIO.checkFinished(clientVd, io.expect(Finished.class, null).verifyData(), "client");
        io.sendChangeCipherSpec(RecordCipher.create(suite, keys, false, config.random()));
        byte[] serverVd = KeySchedule.verifyData(config.prf, suite, master, false, io.handshakeMessages());
        io.send(new Finished(serverVd));

        Session session = new Session(sessionId, suite, master, clientChain);
        config.sessionCache.put(session);
        conn.finishHandshake(session, new Secrets(suite, hello.random(), sh.random(), preMaster, master, keys, clientVd, serverVd), false);
    }

    private void checkClientHello(ClientHello hello) throws TlsException {
        if (hello.clientVersion() < ProtocolVersion.TLS12 && hello.cipherSuites().contains(CipherSuite.TLS_FALLBACK_SCSV)) {
            throw new TlsException(AlertDescription.INAPPROPRIATE_FALLBACK, String.format("ClientHello.client_version is %s with"
                    + " TLS_FALLBACK_SCSV: the client retried with a lower version after a failure, but this server speaks TLS 1.2"
                    + " (RFC 7507: someone may be forcing a downgrade)", ProtocolVersion.nameAndCode(hello.clientVersion())));
        }
        if (hello.clientVersion() < ProtocolVersion.TLS12) {
            throw new TlsException(AlertDescription.PROTOCOL_VERSION, String.format("ClientHello.client_version is %s: "
                    + "this server accepts only TLS 1.2; SSL 3.0, TLS 1.0 and 1.1 are broken or obsolete",
                    ProtocolVersion.nameAndCode(hello.clientVersion())));
        }
        boolean nullCompression = false;
        for (byte c : hello.compressionMethods()) nullCompression |= c == 0;
        if (!nullCompression) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ClientHello.compression_methods lacks null (0), which every client must offer");
        }
    }

    /**
     * The server's most preferred suite that the client also offers and that can be completed: an
     * ECDHE suite only with a group in common (RFC 8422 §5.1), else the next one.
     */
    private CipherSuite chooseSuite(ClientHello hello, NamedGroup group) throws TlsException {
        for (CipherSuite s : config.cipherSuites) {
            if (hello.cipherSuites().contains(s.id) && (s.keyExchange != KeyExchange.ECDHE || group != null)) return s;
        }
        List<String> offered = hello.cipherSuites().stream().map(CipherSuite::nameOf).toList();
        throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "no cipher suite in common that this server can complete:"
                + " the client offered " + offered + (group == null ? " and no elliptic curve this server has " + config.groups : "")
                + "; this server accepts " + config.cipherSuites);
    }

    /** The first of our groups the client lists; without supported_groups, secp256r1 (RFC 8422 §4); null if none. */
    private NamedGroup chooseGroup(HelloExtensions ext) {
        List<Integer> offered = ext.groups() != null ? ext.groups() : List.of(NamedGroup.SECP256R1.id);
        for (NamedGroup g : config.groups) {
            if (offered.contains(g.id)) return g;
        }
        return null;
    }

    /** Echoes only extensions we implement: renegotiation_info, and ec_point_formats when doing ECDHE. */
    private ServerHello serverHello(HelloExtensions ext, byte[] sessionId, CipherSuite suite) {
        byte[] random = new byte[32];
        config.random().nextBytes(random);
        List<Extension> out = new ArrayList<>();
        if (ext.secureRenegotiation()) out.add(Extension.renegotiationInfo());
        if (suite.keyExchange == KeyExchange.ECDHE && ext.pointFormats() != null) out.add(Extension.ecPointFormats());
        return new ServerHello(ProtocolVersion.TLS12, random, sessionId, suite.id, 0, out);
    }

    private ServerKeyExchange serverKeyExchange(ClientHello hello, ServerHello sh, NamedGroup group, KeyPair ecdhe, int scheme)
            throws TlsException {
        byte[] point = group.encode(ecdhe.getPublic());
        byte[] signed = ServerKeyExchange.signedData(hello.random(), sh.random(), group.id, point);
        byte[] sig = Signatures.sign(scheme, config.privateKey, signed);
        return new ServerKeyExchange(group.id, point, scheme, sig);
    }

    /** rsa_pkcs1_sha256 if the client lists it; with no signature_algorithms, SHA-1 as RFC 5246 §7.4.1.4.1 says. */
    private int signatureScheme(HelloExtensions ext) throws TlsException {
        if (ext.signatureSchemes() == null) return SignatureScheme.RSA_PKCS1_SHA1;
        List<Integer> offered = ext.signatureSchemes();
        for (int s : SIGNS_WITH) {
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

    /** RSA key transport, with the Bleichenbacher countermeasure ({@link RsaKeyTransport}). */
    private byte[] rsaPreMaster(ClientHello hello, ClientKeyExchange cke) throws TlsException {
        if (!(config.privateKey instanceof RSAPrivateKey rsa)) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, "RSA key transport needs an RSA private key");
        }
        byte[] fallback = new byte[RsaKeyTransport.PRE_MASTER_LENGTH];
        config.random().nextBytes(fallback);
        return RsaKeyTransport.preMasterSecret(rsa, cke.exchangeKeys(), hello.clientVersion(), fallback);
    }

    private void checkCertificateVerify(X509Certificate clientCert) throws IOException {
        byte[] signedMessages = io.handshakeMessages();
        CertificateVerify cv = io.expect(CertificateVerify.class, null);
        if (cv.signatureScheme() != SignatureScheme.RSA_PKCS1_SHA256
                || !Signatures.verify(cv.signatureScheme(), clientCert.getPublicKey(), signedMessages, cv.signature())) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "CertificateVerify.signature ("
                    + SignatureScheme.nameOf(cv.signatureScheme()) + ") does not verify with the client certificate's key: "
                    + "the client did not prove it holds that certificate's private key");
        }
    }

    /** Abbreviated handshake: same session ID back, then ChangeCipherSpec and Finished from the server first. */
    private void resume(ClientHello hello, HelloExtensions ext, Session s) throws IOException {
        CipherSuite suite = s.cipherSuite();
        ServerHello sh = serverHello(ext, s.id(), suite);
        io.send(sh);
        io.versionAgreed();
        byte[] master = s.masterSecret();
        KeyBlock keys = KeySchedule.keyBlock(config.prf, suite, master, hello.random(), sh.random());
        io.sendChangeCipherSpec(RecordCipher.create(suite, keys, false, config.random()));
        byte[] serverVd = KeySchedule.verifyData(config.prf, suite, master, false, io.handshakeMessages());
        io.send(new Finished(serverVd));
        io.receiveChangeCipherSpec(RecordCipher.create(suite, keys, true, config.random()));
        byte[] clientVd = KeySchedule.verifyData(config.prf, suite, master, true, io.handshakeMessages());
        HandshakeIO.checkFinished(clientVd, io.expect(Finished.class, null).verifyData(), "client");
        conn.finishHandshake(s, new Secrets(suite, hello.random(), sh.random(), null, master, keys, clientVd, serverVd), true);
    }
}
