package tlslab.engine;

import java.io.IOException;
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
import tlslab.crypto.Side;
import tlslab.handshake.CertificateMessage;
import tlslab.handshake.CertificateRequest;
import tlslab.handshake.CertificateVerify;
import tlslab.handshake.ClientHello;
import tlslab.handshake.ClientKeyExchange;
import tlslab.handshake.Extension;
import tlslab.handshake.HelloExtensions;
import tlslab.handshake.ServerHello;
import tlslab.handshake.ServerHelloDone;
import tlslab.handshake.ServerKeyExchange;
import tlslab.handshake.Tls13Extensions;
import tlslab.handshake.SignatureScheme;
import tlslab.keys.CertificateVerifier;
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
        ClientHello hello = io.expect(ClientHello.class);
        checkClientHello(hello);
        HelloExtensions ext = HelloExtensions.of(hello);
        Tls13Extensions ext13 = Extension.find(hello.extensions(), Extension.SUPPORTED_VERSIONS) == null ? null
                : Tls13Extensions.of(hello);
        if (config.versions.contains(ProtocolVersion.TLS13) && ext13 != null
                && ext13.supportedVersions().contains(ProtocolVersion.TLS13)) {
            new Tls13ServerHandshake(conn).run(hello, ext13);
            return;
        }
        if (!config.versions.contains(ProtocolVersion.TLS12)) {
            throw new TlsException(AlertDescription.PROTOCOL_VERSION, "the client does not offer TLS 1.3, the only version"
                    + " this server is set to speak (TlsConfig.versions)");
        }
        Session cached = resumable(hello, ext);
        if (cached != null) {
            resume(hello, ext, cached);
            return;
        }
        NamedGroup group = chooseGroup(ext);
        CipherSuite suite = chooseSuite(hello, group);
        Agreed agreed = new Agreed(suite, config.extendedMasterSecret && ext.extendedMasterSecret(),
                config.encryptThenMac && ext.encryptThenMac() && !suite.aead);
        KeyAgreement kx = suite.keyExchange == KeyExchange.ECDHE
                ? EcdheKeyAgreement.forServer(config, group, signatureScheme(ext)) : new RsaKeyTransport(config);
        byte[] sessionId = new byte[32];
        config.random().nextBytes(sessionId);
        ServerHello sh = serverHello(ext, sessionId, agreed);
        io.send(sh);
        io.negotiated(suite);
        io.send(CertificateMessage.of(config.certificateChain));
        ServerKeyExchange ske = kx.serverKeyExchange(hello.random(), sh.random());
        if (ske != null) io.send(ske);
        if (config.requireClientCertificate) io.send(certificateRequest());
        io.send(new ServerHelloDone());

        List<X509Certificate> clientChain = config.requireClientCertificate ? clientCertificate() : List.of();
        byte[] preMaster = kx.serverPreMaster(hello, io.expect(ClientKeyExchange.class));
        byte[] sessionHash = agreed.extendedMasterSecret() ? KeySchedule.sessionHash(suite, io.handshakeMessages()) : null;
        if (!clientChain.isEmpty()) checkCertificateVerify(clientChain.get(0));

        byte[] master = KeyAgreement.masterSecret(config, suite, preMaster, sessionHash, hello.random(), sh.random());
        Session session = agreed.session(sessionId, master, clientChain);
        config.sessionCache.put(session);
        conn.finishHandshake(session, finish(agreed, hello, sh, preMaster, sessionHash, master, false), false);
    }

    /**
     * The cached session the client asks to resume, if this server can: its suite still offered and
     * enabled, and the same master-secret kind. A client that made the session with the extended master
     * secret and now leaves it out is refused (RFC 7627 §5.3); one that newly offers it, or newly
     * leaves out encrypt-then-MAC, gets a full handshake.
     */
    private Session resumable(ClientHello hello, HelloExtensions ext) throws TlsException {
        Session s = config.sessionCache.get(hello.sessionId());
        if (s == null || !hello.cipherSuites().contains(s.cipherSuite().id) || !config.cipherSuites.contains(s.cipherSuite())) {
            return null;
        }
        if (s.extendedMasterSecret() && !ext.extendedMasterSecret()) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "ClientHello resumes a session made with the extended"
                    + " master secret but leaves out extended_master_secret (RFC 7627 §5.3)");
        }
        boolean same = s.extendedMasterSecret() == ext.extendedMasterSecret() && (!s.encryptThenMac() || ext.encryptThenMac());
        return same ? s : null;
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

    /** The first of our curves the client lists; without supported_groups, secp256r1 (RFC 8422 §4); null if none. */
    private NamedGroup chooseGroup(HelloExtensions ext) {
        List<Integer> offered = ext.groups() != null ? ext.groups() : List.of(NamedGroup.SECP256R1.id);
        for (NamedGroup g : config.groups) {
            if (offered.contains(g.id) && !g.finiteField()) return g;
        }
        return null;
    }

    /** Echoes only extensions we implement: renegotiation_info, and ec_point_formats when doing ECDHE. */
    private ServerHello serverHello(HelloExtensions ext, byte[] sessionId, Agreed agreed) {
        byte[] random = new byte[32];
        config.random().nextBytes(random);
        if (config.versions.contains(ProtocolVersion.TLS13)) {
            // RFC 8446 §4.1.3: a 1.3 server settling for 1.2 says so, for a 1.3 client whose offer was stripped
            System.arraycopy(Tls13Handshake.DOWNGRADE_TLS12, 0, random, 24, Tls13Handshake.DOWNGRADE_TLS12.length);
        }
        List<Extension> out = new ArrayList<>();
        if (ext.secureRenegotiation()) out.add(Extension.renegotiationInfo());
        if (agreed.suite().keyExchange == KeyExchange.ECDHE && ext.pointFormats() != null) out.add(Extension.ecPointFormats());
        if (agreed.extendedMasterSecret()) out.add(Extension.empty(Extension.EXTENDED_MASTER_SECRET));
        if (agreed.encryptThenMac()) out.add(Extension.empty(Extension.ENCRYPT_THEN_MAC));
        return new ServerHello(ProtocolVersion.TLS12, random, sessionId, agreed.suite().id, 0, out);
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
        List<X509Certificate> chain = io.expect(CertificateMessage.class).chain();
        if (chain.isEmpty()) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE,
                    "the client sent no certificate, but this server requires client authentication");
        }
        CertificateVerifier.verify(chain, config.trustedCas, null, config.clock.instant());
        return chain;
    }

    private void checkCertificateVerify(X509Certificate clientCert) throws IOException {
        byte[] signedMessages = io.handshakeMessages();
        CertificateVerify cv = io.expect(CertificateVerify.class);
        if (cv.signatureScheme() != SignatureScheme.RSA_PKCS1_SHA256
                || !Signatures.verify(cv.signatureScheme(), clientCert.getPublicKey(), signedMessages, cv.signature())) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "CertificateVerify.signature ("
                    + SignatureScheme.nameOf(cv.signatureScheme()) + ") does not verify with the client certificate's key: "
                    + "the client did not prove it holds that certificate's private key");
        }
    }

    /** Abbreviated handshake: same session ID back, then ChangeCipherSpec and Finished from the server first. */
    private void resume(ClientHello hello, HelloExtensions ext, Session s) throws IOException {
        ServerHello sh = serverHello(ext, s.id(), Agreed.of(s));
        io.send(sh);
        io.negotiated(s.cipherSuite());
        conn.finishHandshake(s, finish(Agreed.of(s), hello, sh, null, null, s.masterSecret(), true), true);
    }

    /** ChangeCipherSpec and Finished both ways: the client first, unless resuming. */
    private Secrets finish(Agreed agreed, ClientHello hello, ServerHello sh, byte[] preMaster, byte[] sessionHash,
                           byte[] master, boolean resumed) throws IOException {
        KeyBlock keys = KeySchedule.keyBlock(config.prf, agreed.suite(), master, hello.random(), sh.random());
        FinishedExchange.VerifyData vd = FinishedExchange.run(io, config, Side.SERVER, resumed, agreed, master, keys);
        return new Secrets(agreed.suite(), hello.random(), sh.random(), preMaster, sessionHash, master, keys, vd.client(), vd.server());
    }
}
