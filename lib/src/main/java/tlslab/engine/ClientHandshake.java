package tlslab.engine;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.Cipher;

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
import tlslab.handshake.HandshakeMessage;
import tlslab.handshake.ServerHello;
import tlslab.handshake.ServerHelloDone;
import tlslab.handshake.ServerKeyExchange;
import tlslab.handshake.SignatureScheme;
import tlslab.keys.CertificateVerifier;
import tlslab.record.RecordCipher;
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
        ClientHello hello = clientHello();
        io.send(hello);
        ServerHello sh = io.expect(ServerHello.class, null);
        io.versionAgreed();
        CipherSuite suite = checkServerHello(hello, sh);
        Session offered = config.resume;
        if (offered != null && sh.sessionId().length > 0 && java.util.Arrays.equals(sh.sessionId(), offered.id())) {
            if (offered.cipherSuite() != suite) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ServerHello resumes session "
                        + "with cipher suite " + suite + " but the session used " + offered.cipherSuite());
            }
            resume(hello, sh, offered);
            return;
        }
        fullHandshake(hello, sh, suite);
    }

    private ClientHello clientHello() {
        byte[] random = new byte[32];
        config.random().nextBytes(random);
        List<Integer> suites = config.cipherSuites.stream().map(s -> s.id).toList();
        List<Extension> ext = new ArrayList<>();
        if (config.serverName != null && !isIpLiteral(config.serverName)) ext.add(Extension.serverName(config.serverName));
        if (config.cipherSuites.stream().anyMatch(s -> s.keyExchange == KeyExchange.ECDHE)) {
            ext.add(Extension.supportedGroups(config.groups));
            ext.add(Extension.ecPointFormats());
        }
        ext.add(Extension.signatureAlgorithms(SIGNATURE_SCHEMES));
        ext.add(Extension.renegotiationInfo());
        byte[] sessionId = config.resume == null ? new byte[0] : config.resume.id();
        return new ClientHello(ProtocolVersion.TLS12, random, sessionId, suites, new byte[] {0}, ext);
    }

    private CipherSuite checkServerHello(ClientHello hello, ServerHello sh) throws TlsException {
        if (sh.serverVersion() != ProtocolVersion.TLS12) {
            throw new TlsException(AlertDescription.PROTOCOL_VERSION, String.format(
                    "ServerHello.server_version is 0x%04X: this library speaks only TLS 1.2 (0x0303)", sh.serverVersion()));
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
            if (e.type() == Extension.RENEGOTIATION_INFO && !java.util.Arrays.equals(e.data(), new byte[] {0})) {
                throw new TlsException(AlertDescription.HANDSHAKE_FAILURE,
                        "ServerHello.renegotiation_info must be empty on a first handshake (RFC 5746 §3.4)");
            }
        }
        return suite;
    }

    private void fullHandshake(ClientHello hello, ServerHello sh, CipherSuite suite) throws IOException {
        List<X509Certificate> chain = io.expect(CertificateMessage.class, null).chain();
        if (chain.isEmpty()) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "the server sent an empty Certificate message");
        }
        if (config.verifyPeer) {
            CertificateVerifier.verify(chain, config.trustedCas, config.serverName, config.clock.instant());
        }
        PublicKey serverKey = chain.get(0).getPublicKey();
        ServerKeyExchange ske = null;
        if (suite.keyExchange == KeyExchange.ECDHE) {
            ske = io.expect(ServerKeyExchange.class, null);
            checkServerKeyExchange(hello, sh, ske, serverKey);
        }
        HandshakeMessage next = io.receive(null);
        CertificateRequest request = null;
        if (next instanceof CertificateRequest cr) {
            request = cr;
            next = io.receive(null);
        }
        if (!(next instanceof ServerHelloDone)) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "expected ServerHelloDone but the server sent "
                    + next.type().rfcName);
        }
        boolean sendCertificate = request != null && config.privateKey != null;
        if (request != null) {
            io.send(CertificateMessage.of(sendCertificate ? config.certificateChain : List.of()));
        }
        byte[] preMaster = keyExchange(suite, ske, serverKey);
        if (sendCertificate) io.send(certificateVerify(request));
        byte[] master = KeySchedule.masterSecret(config.prf, suite, preMaster, hello.random(), sh.random());
        Secrets s = finish(suite, hello, sh, preMaster, master);
        conn.finishHandshake(new Session(sh.sessionId(), suite, master, chain), s, false);
    }

    private void checkServerKeyExchange(ClientHello hello, ServerHello sh, ServerKeyExchange ske, PublicKey serverKey)
            throws TlsException {
        NamedGroup group = NamedGroup.byId(ske.namedCurve());
        if (group == null || !config.groups.contains(group)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ServerKeyExchange.named_curve "
                    + NamedGroup.nameOf(ske.namedCurve()) + " is not one the client offered");
        }
        String alg = SignatureScheme.jcaName(ske.signatureScheme());
        if (alg == null || !SIGNATURE_SCHEMES.contains(ske.signatureScheme())) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ServerKeyExchange.signature_algorithm "
                    + SignatureScheme.nameOf(ske.signatureScheme()) + " is not one the client offered");
        }
        byte[] signed = ServerKeyExchange.signedData(hello.random(), sh.random(), ske.namedCurve(), ske.publicKey());
        if (!Signatures.verify(ske.signatureScheme(), serverKey, signed, ske.signature())) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "ServerKeyExchange.signature does not verify with the "
                    + "server certificate's public key: the ECDHE share was not sent by the certificate's owner");
        }
    }

    /** Sends ClientKeyExchange and returns the pre-master secret. */
    private byte[] keyExchange(CipherSuite suite, ServerKeyExchange ske, PublicKey serverKey) throws IOException {
        if (suite.keyExchange == KeyExchange.RSA) {
            // client_version (the version offered in ClientHello) ‖ 46 random bytes (RFC 5246 §7.4.7.1)
            byte[] preMaster = new byte[48];
            config.random().nextBytes(preMaster);
            preMaster[0] = 3;
            preMaster[1] = 3;
            io.send(new ClientKeyExchange(KeyExchange.RSA, rsaEncrypt(serverKey, preMaster)));
            return preMaster;
        }
        NamedGroup group = NamedGroup.byId(ske.namedCurve());
        KeyPair mine = group.generate(config.random());
        io.send(new ClientKeyExchange(KeyExchange.ECDHE, group.encode(mine.getPublic())));
        return group.agree(mine.getPrivate(), group.decode(ske.publicKey()));
    }

    private byte[] rsaEncrypt(PublicKey serverKey, byte[] preMaster) throws TlsException {
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, serverKey, config.random());
            return rsa.doFinal(preMaster);
        } catch (GeneralSecurityException e) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "cannot RSA-encrypt with the server's key ("
                    + serverKey.getAlgorithm() + "): " + e.getMessage());
        }
    }

    private CertificateVerify certificateVerify(CertificateRequest request) throws TlsException {
        if (!request.signatureAlgorithms().contains(SignatureScheme.RSA_PKCS1_SHA256)) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE,
                    "the server's CertificateRequest does not accept rsa_pkcs1_sha256, the only scheme this client signs with");
        }
        byte[] sig = Signatures.sign(SignatureScheme.RSA_PKCS1_SHA256, config.privateKey, io.handshakeMessages());
        return new CertificateVerify(SignatureScheme.RSA_PKCS1_SHA256, sig);
    }

    /** ChangeCipherSpec and Finished both ways, client first. */
    private Secrets finish(CipherSuite suite, ClientHello hello, ServerHello sh, byte[] preMaster, byte[] master)
            throws IOException {
        KeyBlock keys = KeySchedule.keyBlock(config.prf, suite, master, hello.random(), sh.random());
        io.sendChangeCipherSpec(RecordCipher.create(suite, keys, true, config.random()));
        byte[] clientVd = KeySchedule.verifyData(config.prf, suite, master, true, io.handshakeMessages());
        io.send(new Finished(clientVd));
        io.receiveChangeCipherSpec(RecordCipher.create(suite, keys, false, config.random()));
        byte[] expected = KeySchedule.verifyData(config.prf, suite, master, false, io.handshakeMessages());
        HandshakeIO.checkFinished(expected, io.expect(Finished.class, null).verifyData(), "server");
        return new Secrets(suite, hello.random(), sh.random(), preMaster, master, keys, clientVd, expected);
    }

    /** Abbreviated handshake: the server goes first with ChangeCipherSpec and Finished. */
    private void resume(ClientHello hello, ServerHello sh, Session s) throws IOException {
        CipherSuite suite = s.cipherSuite();
        byte[] master = s.masterSecret();
        KeyBlock keys = KeySchedule.keyBlock(config.prf, suite, master, hello.random(), sh.random());
        io.receiveChangeCipherSpec(RecordCipher.create(suite, keys, false, config.random()));
        byte[] serverVd = KeySchedule.verifyData(config.prf, suite, master, false, io.handshakeMessages());
        HandshakeIO.checkFinished(serverVd, io.expect(Finished.class, null).verifyData(), "server");
        io.sendChangeCipherSpec(RecordCipher.create(suite, keys, true, config.random()));
        byte[] clientVd = KeySchedule.verifyData(config.prf, suite, master, true, io.handshakeMessages());
        io.send(new Finished(clientVd));
        Secrets sec = new Secrets(suite, hello.random(), sh.random(), null, master, keys, clientVd, serverVd);
        conn.finishHandshake(s, sec, true);
    }

    static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}
