package tlslab.engine;

import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule.KeyBlock;
import tlslab.crypto.KeyExchange;
import tlslab.crypto.KeySchedule;
import tlslab.crypto.Side;
import tlslab.handshake.CertificateMessage;
import tlslab.handshake.CertificateRequest;
import tlslab.handshake.CertificateVerify;
import tlslab.handshake.ClientHello;
import tlslab.handshake.Extension;
import tlslab.handshake.HandshakeMessage;
import tlslab.handshake.ServerHello;
import tlslab.handshake.ServerHelloDone;
import tlslab.handshake.ServerKeyExchange;
import tlslab.handshake.SignatureScheme;
import tlslab.keys.CertificateVerifier;
import tlslab.wire.ProtocolVersion;

/** The client's side of the handshake (RFC 5246 §7.3), full or resumed. */
final class ClientHandshake {
    static final List<Integer> SIGNATURE_SCHEMES = List.of(
            SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512);

    private final Connection conn;
    private final HandshakeIO io;
    private final TlsConfig config;

    ClientHandshake(Connection conn) {
        this.conn = conn;
        this.io = conn.io;
        this.config = conn.config;
    }

    void run() throws IOException {
        Tls13ClientHandshake tls13 = config.versions.contains(ProtocolVersion.TLS13) ? new Tls13ClientHandshake(conn) : null;
        ClientHello hello = clientHello(tls13);
        if (tls13 != null) hello = tls13.bind(hello);
        if (config.clientHelloOverride != null) hello = config.clientHelloOverride.apply(hello);
        io.send(hello);
        ServerHello sh = io.expect(ServerHello.class);
        if (Extension.find(sh.extensions(), Extension.SUPPORTED_VERSIONS) != null) {
            if (tls13 == null) {
                throw new TlsException(AlertDescription.UNSUPPORTED_EXTENSION, "ServerHello carries supported_versions, which"
                        + " this TLS 1.2 client did not offer");
            }
            tls13.run(hello, sh);
            return;
        }
        checkVersion12(sh);
        Agreed agreed = checkServerHello(hello, sh);
        io.negotiated(agreed.suite());
        Session offered = config.resume;
        if (offered != null && sh.sessionId().length > 0 && Arrays.equals(sh.sessionId(), offered.id())) {
            if (!agreed.equals(Agreed.of(offered))) {
                // RFC 7627 §5.3 and RFC 7366 §3.1: a resumption keeps the session's master secret kind and record format
                throw new TlsException(agreed.suite() != offered.cipherSuite() ? AlertDescription.ILLEGAL_PARAMETER
                        : AlertDescription.HANDSHAKE_FAILURE, "ServerHello resumes a session made with " + Agreed.of(offered)
                        + " but settles " + agreed);
            }
            resume(hello, sh, offered);
            return;
        }
        fullHandshake(hello, sh, agreed);
    }

    /**
     * The ClientHello: TLS 1.2's, plus what TLS 1.3 needs when it is on (its suites first, a key share,
     * supported_versions, and a random legacy_session_id for middlebox compatibility, RFC 8446 §D.4,
     * unless that is switched off).
     */
    private ClientHello clientHello(Tls13ClientHandshake tls13) {
        byte[] random = new byte[32];
        config.random().nextBytes(random);
        boolean speaks12 = config.versions.contains(ProtocolVersion.TLS12);
        List<Integer> suites = new ArrayList<>();
        if (tls13 != null) config.tls13CipherSuites.forEach(s -> suites.add(s.code));
        if (speaks12) config.cipherSuites.forEach(s -> suites.add(s.id));
        List<Extension> ext = new ArrayList<>();
        if (config.serverName != null && !isIpLiteral(config.serverName)) ext.add(Extension.serverName(config.serverName));
        boolean ecdhe12 = speaks12 && config.cipherSuites.stream().anyMatch(s -> s.keyExchange == KeyExchange.ECDHE);
        // a TLS 1.2-only hello lists only curves: ffdhe groups there would offer DHE suites (RFC 7919), which this library lacks
        if (ecdhe12 || tls13 != null) {
            ext.add(Extension.supportedGroups(tls13 != null ? config.groups : config.groups.stream().filter(g -> !g.finiteField()).toList()));
        }
        if (ecdhe12) ext.add(Extension.ecPointFormats());
        ext.add(Extension.signatureAlgorithms(offeredSchemes()));
        if (speaks12) {   // TLS 1.2's own: a 1.3-only hello leaves them out
            ext.add(Extension.renegotiationInfo());
            if (config.extendedMasterSecret) ext.add(Extension.empty(Extension.EXTENDED_MASTER_SECRET));
            if (config.encryptThenMac && config.cipherSuites.stream().anyMatch(s -> !s.aead)) {
                ext.add(Extension.empty(Extension.ENCRYPT_THEN_MAC));
            }
        }
        byte[] sessionId = config.resume == null || !speaks12 ? new byte[0] : config.resume.id();
        if (tls13 != null) {
            ext.addAll(tls13.helloExtensions());
            if (sessionId.length == 0 && config.middleboxCompatibility) {
                sessionId = new byte[32];
                config.random().nextBytes(sessionId);
            }
        }
        return new ClientHello(ProtocolVersion.TLS12, random, sessionId, suites, new byte[] {0}, ext);
    }

    /** signature_algorithms: RSA-PSS too when TLS 1.3 is on, and a 1.2 server may then sign with it. */
    private List<Integer> offeredSchemes() {
        return config.versions.contains(ProtocolVersion.TLS13) ? Tls13ClientHandshake.SIGNATURE_SCHEMES : SIGNATURE_SCHEMES;
    }

    /**
     * A TLS 1.2 ServerHello: fine if this client speaks 1.2, unless it also offered 1.3 and the server's
     * random ends with the downgrade sentinel, which a 1.3 server writes there when it settles for 1.2
     * (RFC 8446 §4.1.3): then someone removed 1.3 from our ClientHello on the way.
     */
    private void checkVersion12(ServerHello sh) throws TlsException {
        if (!config.versions.contains(ProtocolVersion.TLS12)) {
            throw new TlsException(AlertDescription.PROTOCOL_VERSION, "the server answered with TLS 1.2, which this client"
                    + " is set not to speak (TlsConfig.versions)");
        }
        byte[] tail = Arrays.copyOfRange(sh.random(), 24, 32);
        if (config.versions.contains(ProtocolVersion.TLS13) && Arrays.equals(tail, Tls13Handshake.DOWNGRADE_TLS12)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ServerHello.random ends with the TLS 1.3 downgrade"
                    + " sentinel (444F574E47524401, \"DOWNGRD\"): the server speaks TLS 1.3, but our offer of it did not reach it"
                    + " (RFC 8446 §4.1.3)");
        }
    }

    private Agreed checkServerHello(ClientHello hello, ServerHello sh) throws TlsException {
        if (sh.serverVersion() != ProtocolVersion.TLS12) {
            throw new TlsException(AlertDescription.PROTOCOL_VERSION, "ServerHello.server_version is "
                    + ProtocolVersion.nameAndCode(sh.serverVersion()) + ": this library speaks only TLS 1.2 (0x0303)");
        }
        CipherSuite suite = CipherSuite.byId(sh.cipherSuite());
        if (suite == null || !config.cipherSuites.contains(suite)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ServerHello.cipher_suite "
                    + CipherSuite.nameOf(sh.cipherSuite()) + " is not one the client offered");
        }
        if (sh.compressionMethod() != 0) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ServerHello.compression_method "
                    + sh.compressionMethod() + ": the client offered only null (0)");
        }
        for (Extension e : sh.extensions()) {
            if (Extension.find(hello.extensions(), e.type()) == null) {
                throw new TlsException(AlertDescription.UNSUPPORTED_EXTENSION, "ServerHello carries "
                        + Extension.nameOf(e.type()) + ", which the client did not offer");
            }
            if (e.type() == Extension.RENEGOTIATION_INFO && !Arrays.equals(e.data(), new byte[] {0})) {
                throw new TlsException(AlertDescription.HANDSHAKE_FAILURE,
                        "ServerHello.renegotiation_info must be empty on a first handshake (RFC 5746 §3.4)");
            }
            boolean flag = e.type() == Extension.EXTENDED_MASTER_SECRET || e.type() == Extension.ENCRYPT_THEN_MAC;
            if (flag && e.data().length != 0) {
                throw new TlsException(AlertDescription.DECODE_ERROR, "ServerHello." + Extension.nameOf(e.type()).split(" ")[0]
                        + " must be empty, got " + e.data().length + " bytes");
            }
        }
        boolean etm = Extension.find(sh.extensions(), Extension.ENCRYPT_THEN_MAC) != null;
        if (etm && suite.aead) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ServerHello accepts encrypt_then_mac with the AEAD suite "
                    + suite + ": it applies only to CBC suites (RFC 7366 §3)");
        }
        return new Agreed(suite, Extension.find(sh.extensions(), Extension.EXTENDED_MASTER_SECRET) != null, etm);
    }

    private void fullHandshake(ClientHello hello, ServerHello sh, Agreed agreed) throws IOException {
        CipherSuite suite = agreed.suite();
        List<X509Certificate> chain = io.expect(CertificateMessage.class).chain();
        if (chain.isEmpty()) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "the server sent an empty Certificate message");
        }
        if (config.verifyPeer) {
            CertificateVerifier.verify(chain, config.trustedCas, config.serverName, config.clock.instant());
        }
        PublicKey serverKey = chain.get(0).getPublicKey();
        KeyAgreement kx = KeyAgreement.forClient(suite, config, offeredSchemes());
        if (kx.expectsServerKeyExchange()) {
            kx.processServerKeyExchange(hello.random(), sh.random(), io.expect(ServerKeyExchange.class), serverKey);
        }
        HandshakeMessage next = io.receive();
        CertificateRequest request = null;
        if (next instanceof CertificateRequest cr) {
            request = cr;
            next = io.receive();
        }
        if (!(next instanceof ServerHelloDone)) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "expected ServerHelloDone but the server sent "
                    + next.type().rfcName);
        }
        boolean sendCertificate = request != null && config.privateKey != null;
        if (request != null) {
            io.send(CertificateMessage.of(sendCertificate ? config.certificateChain : List.of()));
        }
        KeyAgreement.ClientShare share = kx.clientKeyExchange(serverKey);
        io.send(share.message());
        byte[] sessionHash = agreed.extendedMasterSecret() ? KeySchedule.sessionHash(suite, io.handshakeMessages()) : null;
        if (sendCertificate) io.send(certificateVerify(request));
        byte[] preMaster = share.preMasterSecret();
        byte[] master = KeyAgreement.masterSecret(config, suite, preMaster, sessionHash, hello.random(), sh.random());
        Secrets s = finish(agreed, hello, sh, preMaster, sessionHash, master, false);
        conn.finishHandshake(agreed.session(sh.sessionId(), master, chain), s, false);
    }

    private CertificateVerify certificateVerify(CertificateRequest request) throws TlsException {
        if (!request.signatureAlgorithms().contains(SignatureScheme.RSA_PKCS1_SHA256)) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE,
                    "the server's CertificateRequest does not accept rsa_pkcs1_sha256, the only scheme this client signs with");
        }
        byte[] sig = Signatures.sign(SignatureScheme.RSA_PKCS1_SHA256, config.privateKey, io.handshakeMessages(), config.random());
        return new CertificateVerify(SignatureScheme.RSA_PKCS1_SHA256, sig);
    }

    /** ChangeCipherSpec and Finished both ways: the client first, unless resuming. */
    private Secrets finish(Agreed agreed, ClientHello hello, ServerHello sh, byte[] preMaster, byte[] sessionHash,
                           byte[] master, boolean resumed) throws IOException {
        KeyBlock keys = KeySchedule.keyBlock(config.prf, agreed.suite(), master, hello.random(), sh.random());
        FinishedExchange.VerifyData vd = FinishedExchange.run(io, config, Side.CLIENT, !resumed, agreed, master, keys);
        return new Secrets(agreed.suite(), hello.random(), sh.random(), preMaster, sessionHash, master, keys, vd.client(), vd.server());
    }

    /** Abbreviated handshake: the server goes first with ChangeCipherSpec and Finished. */
    private void resume(ClientHello hello, ServerHello sh, Session s) throws IOException {
        conn.finishHandshake(s, finish(Agreed.of(s), hello, sh, null, null, s.masterSecret(), true), true);
    }

    private static final Pattern IPV4 = Pattern.compile("[0-9.]+");

    static boolean isIpLiteral(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }
}
