package tlslab.engine;

import java.io.IOException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.NamedGroup;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.handshake.CertificateMessage13;
import tlslab.handshake.CertificateVerify;
import tlslab.handshake.ClientHello;
import tlslab.handshake.EncryptedExtensions;
import tlslab.handshake.Extension;
import tlslab.handshake.KeyShare;
import tlslab.handshake.KeyShareEntry;
import tlslab.handshake.ServerHello;
import tlslab.handshake.SignatureScheme;
import tlslab.handshake.SupportedVersions;
import tlslab.handshake.Tls13Extensions;
import tlslab.wire.ProtocolVersion;

/**
 * The server's side of a TLS 1.3 full handshake (RFC 8446 §2, §4): one flight answers the
 * ClientHello, from ServerHello to Finished, and everything after ServerHello is encrypted.
 * <pre>
 *   ClientHello + key_share        →
 *                                  ←  ServerHello + key_share
 *                                     {EncryptedExtensions} {Certificate} {CertificateVerify} {Finished}
 *   {Finished}                     →
 * </pre>
 */
final class Tls13ServerHandshake {
    /** TLS 1.3 signs with RSA-PSS only, never PKCS#1 v1.5 (§4.2.3), whatever the certificate's own signature. */
    static final List<Integer> SIGNS_WITH = List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
            SignatureScheme.RSA_PSS_RSAE_SHA512);

    private final Connection conn;
    private final HandshakeIO io;
    private final TlsConfig config;

    Tls13ServerHandshake(Connection conn) {
        this.conn = conn;
        this.io = conn.io;
        this.config = conn.config;
    }

    void run(ClientHello hello, Tls13Extensions ext) throws IOException {
        Tls13CipherSuite suite = chooseSuite(hello);
        KeyShareEntry theirs = chooseShare(ext);
        int scheme = chooseScheme(ext);
        NamedGroup group = NamedGroup.byId(theirs.group());
        KeyPair mine = group.generate(config.random());
        byte[] shared = group.agree(mine.getPrivate(), group.decode(theirs.keyExchange()));

        byte[] random = new byte[32];
        config.random().nextBytes(random);
        List<Extension> out = new ArrayList<>(List.of(SupportedVersions.selected(ProtocolVersion.TLS13),
                KeyShare.serverShare(new KeyShareEntry(group.id, group.encode(mine.getPublic())))));
        ServerHello sh = new ServerHello(ProtocolVersion.TLS12, random, hello.sessionId(), suite.code, 0, out);
        io.send(sh);
        io.negotiated13();
        Tls13Handshake keys = new Tls13Handshake(io, config, suite, hello.random());
        keys.handshakeKeys(shared);
        // middlebox compatibility (§D.4): a client that sent a session ID expects a ChangeCipherSpec to ignore
        if (hello.sessionId().length > 0) io.sendCompatibilityChangeCipherSpec();
        conn.records.changeWriteCipher(keys.cipher(false, false));
        conn.records.changeReadCipher(keys.cipher(true, false));

        io.send(new EncryptedExtensions(List.of()));
        io.send(CertificateMessage13.of(config.certificateChain));
        byte[] signed = Tls13Handshake.certificateVerifyContent(true, keys.transcriptHash());
        io.send(new CertificateVerify(scheme, Signatures.sign(scheme, config.privateKey, signed, config.random())));
        io.send(keys.finished(false));
        keys.applicationKeys();
        conn.records.changeWriteCipher(keys.cipher(false, true));

        keys.checkFinished(true);
        conn.records.changeReadCipher(keys.cipher(true, true));
        conn.finishHandshake13(keys.secrets(sh.random(), shared), List.of());
    }

    /** The server's most preferred TLS 1.3 suite the client offers. */
    private Tls13CipherSuite chooseSuite(ClientHello hello) throws TlsException {
        for (Tls13CipherSuite s : config.tls13CipherSuites) {
            if (hello.cipherSuites().contains(s.code)) return s;
        }
        throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "the client offers TLS 1.3 but none of its cipher suites:"
                + " this server accepts " + config.tls13CipherSuites);
    }

    /**
     * The client's key share in the server's most preferred group. A client that offers a group we
     * take but sent no share for it would need a HelloRetryRequest (§4.1.4), which this server does not send.
     */
    private KeyShareEntry chooseShare(Tls13Extensions ext) throws TlsException {
        if (ext.clientShares() == null) throw Tls13Handshake.missing("ClientHello", "key_share");
        if (ext.supportedGroups() == null) throw Tls13Handshake.missing("ClientHello", "supported_groups");
        for (NamedGroup g : config.groups) {
            for (KeyShareEntry e : ext.clientShares()) {
                if (e.group() == g.id) return e;
            }
        }
        List<String> sent = ext.clientShares().stream().map(e -> NamedGroup.nameOf(e.group())).toList();
        throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "ClientHello.key_share holds shares for " + sent
                + ", none in a group this server uses " + config.groups + " (a HelloRetryRequest is not implemented)");
    }

    private int chooseScheme(Tls13Extensions ext) throws TlsException {
        if (ext.signatureAlgorithms() == null) throw Tls13Handshake.missing("ClientHello", "signature_algorithms");
        for (int s : SIGNS_WITH) {
            if (ext.signatureAlgorithms().contains(s)) return s;
        }
        throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "the client accepts none of the RSA-PSS schemes a TLS 1.3"
                + " server signs with; it offered " + ext.signatureAlgorithms().stream().map(SignatureScheme::nameOf).toList());
    }
}
