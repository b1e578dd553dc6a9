package tlslab.engine;

import java.io.IOException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.NamedGroup;
import tlslab.crypto.tls13.SecretSchedule;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.crypto.tls13.VerifyData;
import tlslab.handshake.CertificateMessage13;
import tlslab.handshake.CertificateRequest13;
import tlslab.handshake.ClientHello;
import tlslab.handshake.EncryptedExtensions;
import tlslab.handshake.Extension;
import tlslab.handshake.KeyShare;
import tlslab.handshake.KeyShareEntry;
import tlslab.handshake.NewSessionTicket;
import tlslab.handshake.OfferedPsks;
import tlslab.handshake.PreSharedKey;
import tlslab.handshake.PskKeyExchangeModes;
import tlslab.handshake.ServerHello;
import tlslab.handshake.SignatureScheme;
import tlslab.handshake.SupportedVersions;
import tlslab.handshake.Tls13Extensions;
import tlslab.keys.CertificateVerifier;
import tlslab.wire.ProtocolVersion;

/**
 * The server's side of a TLS 1.3 full handshake (RFC 8446 §2, §4): one flight answers the
 * ClientHello, from ServerHello to Finished, and everything after ServerHello is encrypted.
 * When the client's key shares are all in groups the server doesn't take, the server first asks for
 * another with a HelloRetryRequest naming its group (§4.1.4), and the handshake goes on from the
 * second ClientHello.
 * <pre>
 *   ClientHello + key_share        →
 *                                  ←  ServerHello + key_share
 *                                     {EncryptedExtensions} {Certificate} {CertificateVerify} {Finished}
 *   {Finished}                     →
 * </pre>
 */
final class Tls13ServerHandshake {
    /** TLS 1.3 signs with RSA-PSS only, never PKCS#1 v1.5 (§4.2.3), whatever the certificate's own signature. */
    static final long TICKET_LIFETIME = 7200;
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
        int scheme = chooseScheme(ext);
        KeyShareEntry theirs = chooseShare(ext);
        boolean compatibilitySent = false;
        if (theirs == null) {   // a group we take, but no share for it: ask again (§4.1.4)
            NamedGroup group = chooseGroup(ext);
            io.send(ServerHello.helloRetryRequest(hello.sessionId(), suite.code, List.of(SupportedVersions.selected(ProtocolVersion.TLS13),
                    KeyShare.selectedGroup(group.id))));
            io.negotiated13();
            io.replaceClientHello1WithItsHash(suite.hash);
            if (hello.sessionId().length > 0) io.sendCompatibilityChangeCipherSpec();
            compatibilitySent = true;
            ClientHello second = io.expect(ClientHello.class);
            Tls13Extensions ext2 = Tls13Extensions.of(second);
            theirs = ext2.clientShares() == null ? null
                    : ext2.clientShares().stream().filter(e -> e.group() == group.id).findFirst().orElse(null);
            if (theirs == null || !second.cipherSuites().contains(suite.code) || ext2.clientShares().size() != 1) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "the second ClientHello must hold exactly one key"
                        + " share, for " + group + " as the HelloRetryRequest asked, and still offer " + suite + " (RFC 8446 §4.1.2)");
            }
            hello = second;
            ext = ext2;
        }
        // a ticket is taken only without a HelloRetryRequest: its binder covers the first ClientHello alone
        Resumed resumed = compatibilitySent ? null : acceptTicket(hello, ext, suite);
        NamedGroup group = NamedGroup.byId(theirs.group());
        KeyPair mine = group.generate(config.random());
        byte[] shared = group.agree(mine.getPrivate(), group.decode(theirs.keyExchange()));

        byte[] random = new byte[32];
        config.random().nextBytes(random);
        List<Extension> out = new ArrayList<>(List.of(KeyShare.serverShare(new KeyShareEntry(group.id, group.encode(mine.getPublic()))),
                SupportedVersions.selected(ProtocolVersion.TLS13)));
        if (resumed != null) out.add(PreSharedKey.selectedIdentity(resumed.index()));
        ServerHello sh = new ServerHello(ProtocolVersion.TLS12, random, hello.sessionId(), suite.code, 0, out);
        io.send(sh);
        io.negotiated13();
        Tls13Handshake keys = new Tls13Handshake(io, config, suite, hello.random());
        keys.handshakeKeys(shared, resumed == null ? null : resumed.ticket().psk());
        // middlebox compatibility (§D.4): a client that sent a session ID expects one ChangeCipherSpec to ignore
        if (hello.sessionId().length > 0 && !compatibilitySent) io.sendCompatibilityChangeCipherSpec();
        conn.records.changeWriteCipher(keys.cipher(false, false));
        conn.records.changeReadCipher(keys.cipher(true, false));

        io.startFlight();
        io.send(encryptedExtensions(hello, ext));
        boolean askClient = config.requireClientCertificate && resumed == null;
        if (askClient) io.send(new CertificateRequest13(new byte[0], List.of(Extension.signatureAlgorithms(SIGNS_WITH))));
        if (resumed == null) {   // with a ticket, the PSK itself vouches for the server: no certificate
            io.send(CertificateMessage13.of(config.certificateChain));
            io.send(keys.certificateVerify(true, scheme));
        }
        io.send(keys.finished(false));
        io.endFlight();
        keys.applicationKeys();
        conn.records.changeWriteCipher(keys.cipher(false, true));

        List<X509Certificate> clientChain = askClient ? clientCertificate(keys) : resumed != null ? resumed.ticket().peerCertificates() : List.of();
        keys.checkFinished(true);
        conn.records.changeReadCipher(keys.cipher(true, true));
        // §4.2.9: a ticket only for a client that can use it, one that allows psk_dhe_ke, the mode this server resumes in
        List<Integer> modes = ext.pskKeyExchangeModes();
        if (modes != null && modes.contains(PskKeyExchangeModes.PSK_DHE_KE)) issueTicket(keys, suite, clientChain);
        conn.finishHandshake13(keys.secrets(sh.random(), shared), clientChain, resumed != null);
    }

    /**
     * What the server says beyond the hellos: the groups it takes, best first (§4.2.7: for the client's
     * next connection), its record_size_limit if the client sent one (RFC 8449), and an empty server_name
     * if the client sent a name (RFC 6066 §3: this server has one certificate, whatever the name).
     */
    private EncryptedExtensions encryptedExtensions(ClientHello hello, Tls13Extensions ext) {
        List<Extension> out = new ArrayList<>(List.of(Extension.supportedGroups(config.groups)));
        if (ext.recordSizeLimit() != null) {
            out.add(Extension.recordSizeLimit(config.recordSizeLimit));
            conn.records.recordSizeLimits(Math.min(ext.recordSizeLimit(), TlsConfig.MAX_RECORD_SIZE_LIMIT) - 1, config.recordSizeLimit - 1);
        }
        if (Extension.find(hello.extensions(), Extension.SERVER_NAME) != null) out.add(Extension.empty(Extension.SERVER_NAME));
        return new EncryptedExtensions(out);
    }

    private record Resumed(Tls13Ticket ticket, int index) {
    }

    /**
     * The first offered ticket this server issued, for a suite with the same hash, not expired, and
     * whose binder proves the client knows its PSK (§4.2.11); null if none, or if the client does not
     * allow psk_dhe_ke (the only mode here: a resumed connection still gets fresh (EC)DHE keys).
     */
    private Resumed acceptTicket(ClientHello hello, Tls13Extensions ext, Tls13CipherSuite suite) throws TlsException {
        OfferedPsks offered = ext.offeredPsks();
        if (offered == null || ext.pskKeyExchangeModes() == null || !ext.pskKeyExchangeModes().contains(PskKeyExchangeModes.PSK_DHE_KE)) {
            return null;
        }
        byte[] truncated = VerifyData.truncateClientHello(hello.encode(), offered.bindersLength());
        for (int i = 0; i < offered.identities().size(); i++) {
            Tls13Ticket t = config.sessionCache.ticket(offered.identities().get(i).identity());
            if (t == null || t.cipherSuite().hash != suite.hash || t.expired(config.clock.instant())) continue;
            byte[] binderKey = SecretSchedule.resumptionBinderKey(config.hkdfExpandLabel, suite.hash, SecretSchedule.earlySecret(suite.hash, t.psk()));
            byte[] expected = VerifyData.binder(config.hkdfExpandLabel, suite.hash, binderKey, suite.hash.digest(truncated));
            if (!MessageDigest.isEqual(expected, offered.binders().get(i))) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ClientHello.pre_shared_key.binders[" + i + "] does not"
                        + " verify: the client does not hold the PSK of the ticket it offers (RFC 8446 §4.2.11)");
            }
            return new Resumed(t, i);
        }
        return null;
    }

    /** One NewSessionTicket after the handshake (§4.6.1): the client may resume with it for two hours. */
    private void issueTicket(Tls13Handshake keys, Tls13CipherSuite suite, List<X509Certificate> clientChain) throws IOException {
        byte[] resumption = keys.resumptionMasterSecret();
        byte[] id = new byte[32];
        config.random().nextBytes(id);
        byte[] nonce = {0};   // one ticket per connection, so one nonce is enough
        long ageAdd = config.random().nextInt() & 0xffffffffL;
        Tls13Ticket t = new Tls13Ticket(suite, id, SecretSchedule.ticketPsk(config.hkdfExpandLabel, suite.hash, resumption, nonce), ageAdd, TICKET_LIFETIME,
                config.clock.instant(), clientChain);
        config.sessionCache.put(t);
        io.send(new NewSessionTicket(TICKET_LIFETIME, ageAdd, nonce, id, List.of()));
    }

    /** The client's Certificate and CertificateVerify, still under its handshake keys (§4.4.2, §4.4.3). */
    private List<X509Certificate> clientCertificate(Tls13Handshake keys) throws IOException {
        List<X509Certificate> chain = io.expect(CertificateMessage13.class).chain();
        if (chain.isEmpty()) {
            throw new TlsException(AlertDescription.CERTIFICATE_REQUIRED, "the client sent no certificate, but this server"
                    + " requires client authentication");
        }
        CertificateVerifier.verify(chain, config.trustedCas, null, config.clock.instant());
        keys.checkCertificateVerify(false, chain.get(0).getPublicKey());
        return chain;
    }

    /** The server's most preferred TLS 1.3 suite the client offers. */
    private Tls13CipherSuite chooseSuite(ClientHello hello) throws TlsException {
        for (Tls13CipherSuite s : config.tls13CipherSuites) {
            if (hello.cipherSuites().contains(s.code)) return s;
        }
        throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "the client offers TLS 1.3 but none of its cipher suites:"
                + " this server accepts " + config.tls13CipherSuites);
    }

    /** The client's key share in the server's most preferred group, or null if it sent none we take. */
    private KeyShareEntry chooseShare(Tls13Extensions ext) throws TlsException {
        if (ext.clientShares() == null) throw Tls13Handshake.missing("ClientHello", "key_share");
        if (ext.supportedGroups() == null) throw Tls13Handshake.missing("ClientHello", "supported_groups");
        for (NamedGroup g : config.groups) {
            for (KeyShareEntry e : ext.clientShares()) {
                if (e.group() == g.id) return e;
            }
        }
        return null;
    }

    /** For a HelloRetryRequest: the server's most preferred group that the client supports. */
    private NamedGroup chooseGroup(Tls13Extensions ext) throws TlsException {
        for (NamedGroup g : config.groups) {
            if (ext.supportedGroups().contains(g.id)) return g;
        }
        throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "no group in common: the client supports "
                + ext.supportedGroups().stream().map(NamedGroup::nameOf).toList() + ", this server " + config.groups);
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
