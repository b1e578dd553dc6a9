package tlslab.engine;

import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.NamedGroup;
import tlslab.crypto.Hash;
import tlslab.crypto.tls13.SecretSchedule;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.crypto.tls13.VerifyData;
import tlslab.handshake.CertificateMessage13;
import tlslab.handshake.CertificateRequest13;
import tlslab.handshake.ExtensionContext;
import tlslab.handshake.HandshakeMessage;
import tlslab.handshake.ClientHello;
import tlslab.handshake.Cookie;
import tlslab.handshake.EncryptedExtensions;
import tlslab.handshake.Extension;
import tlslab.handshake.KeyShare;
import tlslab.handshake.KeyShareEntry;
import tlslab.handshake.OfferedPsks;
import tlslab.handshake.PreSharedKey;
import tlslab.handshake.PskIdentity;
import tlslab.handshake.PskKeyExchangeModes;
import tlslab.handshake.ServerHello;
import tlslab.handshake.SignatureScheme;
import tlslab.handshake.SupportedVersions;
import tlslab.handshake.Tls13Extensions;
import tlslab.keys.CertificateVerifier;
import tlslab.wire.ProtocolVersion;

/**
 * The client's side of a TLS 1.3 full handshake (RFC 8446 §2, §4): the ClientHello already carries
 * a key share, so the keys exist after one round trip and the server's whole answer is encrypted
 * after its ServerHello.
 */
final class Tls13ClientHandshake {
    /** Offered in ClientHello.signature_algorithms: RSA-PSS for 1.3, PKCS#1 v1.5 in case the server picks 1.2. */
    static final List<Integer> SIGNATURE_SCHEMES = List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
            SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384,
            SignatureScheme.RSA_PKCS1_SHA512);

    private final Connection conn;
    private final HandshakeIO io;
    private final TlsConfig config;
    /** One ephemeral key pair per group we sent a share for: the first group of the config. */
    private final Map<Integer, KeyPair> shares = new LinkedHashMap<>();
    /** The ticket offered in pre_shared_key, if any, and its identity entry. */
    private Tls13Ticket offered;
    private PskIdentity identity;

    Tls13ClientHandshake(Connection conn) {
        this.conn = conn;
        this.io = conn.io;
        this.config = conn.config;
    }

    /**
     * The ClientHello extensions TLS 1.3 adds: supported_versions, one key share, record_size_limit,
     * psk_key_exchange_modes (always: without it a server may send no ticket, §4.2.9), and with a ticket
     * to resume, pre_shared_key, which must come last; its binder is a placeholder until {@link #bind}
     * fills it in.
     */
    List<Extension> helloExtensions() {
        NamedGroup first = config.groups.get(0);
        KeyPair pair = first.generate(config.random());
        shares.put(first.id, pair);
        List<Integer> versions = config.versions.contains(ProtocolVersion.TLS12)
                ? List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12) : List.of(ProtocolVersion.TLS13);
        List<Extension> ext = new ArrayList<>(List.of(SupportedVersions.offered(versions),
                KeyShare.clientShares(List.of(new KeyShareEntry(first.id, first.encode(pair.getPublic())))),
                Extension.recordSizeLimit(config.recordSizeLimit), PskKeyExchangeModes.of(List.of(PskKeyExchangeModes.PSK_DHE_KE))));
        Tls13Ticket t = config.resumeTls13;
        if (t != null && config.tls13CipherSuites.contains(t.cipherSuite()) && !t.expired(config.clock.instant())) {
            offered = t;
            ext.add(offer(new byte[t.cipherSuite().hash.length()]));
        }
        return ext;
    }

    /** pre_shared_key with this binder; the identity (and so the ticket's age) is fixed once, as the binder covers it. */
    private Extension offer(byte[] binder) {
        if (identity == null) identity = new PskIdentity(offered.ticket(), offered.obfuscatedAge(config.clock.instant()));
        return PreSharedKey.offered(new OfferedPsks(List.of(identity), List.of(binder)));
    }

    /**
     * The ClientHello with its PSK binder (§4.2.11.2): an HMAC, under a key from the ticket's PSK, of
     * the ClientHello up to the binders. It proves we hold the PSK without showing it.
     */
    ClientHello bind(ClientHello hello) {
        if (offered == null) return hello;
        Hash hash = offered.cipherSuite().hash;
        byte[] truncated = VerifyData.truncateClientHello(hello.encode(), VerifyData.bindersLength(hash, 1));
        byte[] binderKey = SecretSchedule.resumptionBinderKey(config.hkdfExpandLabel, hash, SecretSchedule.earlySecret(hash, offered.psk()));
        byte[] binder = VerifyData.binder(config.hkdfExpandLabel, hash, binderKey, hash.digest(truncated));
        List<Extension> ext = new ArrayList<>(hello.extensions());
        ext.set(ext.size() - 1, offer(binder));
        return hello.withExtensions(ext);
    }

    void run(ClientHello hello, ServerHello sh) throws IOException {
        Tls13CipherSuite suite = checkSuite(sh);
        boolean compatibilitySent = false;
        if (sh.isHelloRetryRequest()) {
            hello = retry(hello, sh, suite);
            compatibilitySent = true;
            sh = io.expect(ServerHello.class);
            if (sh.isHelloRetryRequest() || checkSuite(sh) != suite) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, sh.isHelloRetryRequest() ? "a second HelloRetryRequest"
                        : "ServerHello.cipher_suite differs from the HelloRetryRequest's (RFC 8446 §4.1.4)");
            }
        }
        Tls13Extensions ext = Tls13Extensions.of(sh);
        if (!Arrays.equals(sh.sessionId(), hello.sessionId())) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ServerHello.legacy_session_id_echo differs from the"
                    + " ClientHello's legacy_session_id (RFC 8446 §4.1.3)");
        }
        KeyShareEntry theirs = ext.serverShare();
        if (theirs == null) throw Tls13Handshake.missing("ServerHello", "key_share");
        KeyPair mine = shares.get(theirs.group());
        if (mine == null) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ServerHello.key_share is for "
                    + NamedGroup.nameOf(theirs.group()) + ", a group the client sent no share for");
        }
        NamedGroup group = NamedGroup.byId(theirs.group());
        byte[] shared = group.agree(mine.getPrivate(), group.decode(theirs.keyExchange()));
        Tls13Ticket resumed = resumedWith(ext, suite);
        io.negotiated13();
        Tls13Handshake keys = new Tls13Handshake(io, config, suite, hello.random());
        keys.handshakeKeys(shared, resumed == null ? null : resumed.psk());
        conn.records.changeReadCipher(keys.cipher(false, false));

        checkEncryptedExtensions(hello, io.expect(EncryptedExtensions.class));
        if (resumed != null) {   // the PSK vouches for the server: no Certificate, no CertificateVerify
            finish(keys, null, compatibilitySent, hello);
            conn.finishHandshake13(keys.secrets(sh.random(), shared), resumed.peerCertificates(), true);
            return;
        }
        HandshakeMessage next = io.receive();
        CertificateRequest13 request = null;
        if (next instanceof CertificateRequest13 cr) {
            request = cr;
            next = io.receive();
        }
        if (!(next instanceof CertificateMessage13 certificate)) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "expected Certificate but the server sent " + next.type().rfcName);
        }
        List<X509Certificate> chain = certificate.chain();
        if (chain.isEmpty()) throw new TlsException(AlertDescription.DECODE_ERROR, "the server sent an empty Certificate");
        if (config.verifyPeer) CertificateVerifier.verify(chain, config.trustedCas, config.serverName, config.clock.instant());
        keys.checkCertificateVerify(true, chain.get(0).getPublicKey());
        finish(keys, request, compatibilitySent, hello);
        conn.finishHandshake13(keys.secrets(sh.random(), shared), chain, false);
    }

    /**
     * The server may answer only extensions we offered (§4.2: unsupported_extension otherwise). Its
     * record_size_limit shortens the records we send, ours the ones it may send (RFC 8449).
     */
    private void checkEncryptedExtensions(ClientHello hello, EncryptedExtensions ee) throws TlsException {
        for (Extension e : ee.extensions()) {
            if (Extension.find(hello.extensions(), e.type()) == null) {
                throw new TlsException(AlertDescription.UNSUPPORTED_EXTENSION, "EncryptedExtensions carries "
                        + Extension.shortName(e.type()) + ", which the ClientHello did not offer (RFC 8446 §4.2)");
            }
        }
        Integer limit = Tls13Extensions.of(ee.extensions(), ExtensionContext.ENCRYPTED_EXTENSIONS).recordSizeLimit();
        if (limit != null) conn.records.recordSizeLimits(Math.min(limit, TlsConfig.MAX_RECORD_SIZE_LIMIT) - 1, config.recordSizeLimit - 1);
    }

    /** The server's Finished, then ours (after our certificate if asked), then application keys both ways. */
    private void finish(Tls13Handshake keys, CertificateRequest13 request, boolean compatibilitySent, ClientHello hello) throws IOException {
        keys.checkFinished(false);
        keys.applicationKeys();
        // we sent a legacy_session_id: middlebox compatibility mode (§D.4), one ChangeCipherSpec before our second flight
        if (!compatibilitySent && hello.sessionId().length > 0) io.sendCompatibilityChangeCipherSpec();
        conn.records.changeWriteCipher(keys.cipher(true, false));
        io.startFlight();
        if (request != null) authenticate(keys, request);
        io.send(keys.finished(true));
        io.endFlight();
        keys.resumptionMasterSecret();
        conn.records.changeWriteCipher(keys.cipher(true, true));
        conn.records.changeReadCipher(keys.cipher(false, true));
    }

    /** The ticket the server took (ServerHello.pre_shared_key), or null for a full handshake. */
    private Tls13Ticket resumedWith(Tls13Extensions ext, Tls13CipherSuite suite) throws TlsException {
        if (ext.selectedIdentity() == null) return null;
        if (offered == null || ext.selectedIdentity() != 0 || offered.cipherSuite().hash != suite.hash) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ServerHello.pre_shared_key selects identity "
                    + ext.selectedIdentity() + ", which the client did not offer for a suite with this hash (RFC 8446 §4.2.11)");
        }
        return offered;
    }

    private Tls13CipherSuite checkSuite(ServerHello sh) throws TlsException {
        Tls13CipherSuite suite = Tls13CipherSuite.byCode(sh.cipherSuite());
        if (suite == null || !config.tls13CipherSuites.contains(suite)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, (sh.isHelloRetryRequest() ? "HelloRetryRequest" : "ServerHello")
                    + ".cipher_suite 0x" + Integer.toHexString(sh.cipherSuite()) + " is not a TLS 1.3 suite the client offered");
        }
        return suite;
    }

    /**
     * The server wants a share in another group (§4.1.4): the transcript restarts from the hash of the
     * first ClientHello, and a second ClientHello goes out with a share in that group only, and the
     * server's cookie if it sent one. Everything else stays as it was.
     */
    private ClientHello retry(ClientHello first, ServerHello hrr, Tls13CipherSuite suite) throws IOException {
        Tls13Extensions ext = Tls13Extensions.of(hrr);
        Integer wanted = ext.selectedGroup();
        NamedGroup group = wanted == null ? null : NamedGroup.byId(wanted);
        if (group == null || !config.groups.contains(group) || shares.containsKey(wanted)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "HelloRetryRequest.key_share asks for "
                    + (wanted == null ? "no group" : NamedGroup.nameOf(wanted)) + ": it must be a group the client offered"
                    + " and sent no share for (RFC 8446 §4.2.8)");
        }
        io.negotiated13();
        io.replaceClientHello1WithItsHash(suite.hash);
        io.sendCompatibilityChangeCipherSpec();
        shares.clear();
        KeyPair pair = group.generate(config.random());
        shares.put(group.id, pair);
        List<Extension> ext2 = new ArrayList<>();
        offered = null;   // its binder covered the first ClientHello only: this one offers no ticket
        for (Extension e : first.extensions()) {
            if (e.type() == Extension.PRE_SHARED_KEY) continue;
            if (e.type() == Extension.KEY_SHARE) ext2.add(KeyShare.clientShares(List.of(new KeyShareEntry(group.id, group.encode(pair.getPublic())))));
            else if (e.type() != Extension.EARLY_DATA) ext2.add(e);
        }
        if (ext.cookie() != null) ext2.add(Cookie.of(ext.cookie()));
        ClientHello second = first.withExtensions(ext2);
        io.send(second);
        return second;
    }

    /**
     * The server asked who we are (§4.3.2): our Certificate, empty if we have none, and then a
     * CertificateVerify with an RSA-PSS scheme the request lists.
     */
    private void authenticate(Tls13Handshake keys, CertificateRequest13 request) throws IOException {
        boolean have = config.privateKey != null && !config.certificateChain.isEmpty();
        io.send(new CertificateMessage13(request.certificateRequestContext(), have
                ? CertificateMessage13.of(config.certificateChain).certificateList() : List.of()));
        if (!have) return;
        List<Integer> accepted = Tls13Extensions.of(request.extensions(), ExtensionContext.CERTIFICATE_REQUEST).signatureAlgorithms();
        if (accepted == null) throw Tls13Handshake.missing("CertificateRequest", "signature_algorithms");
        int scheme = Tls13ServerHandshake.SIGNS_WITH.stream().filter(accepted::contains).findFirst().orElseThrow(() ->
                new TlsException(AlertDescription.HANDSHAKE_FAILURE, "the server's CertificateRequest accepts none of the RSA-PSS"
                        + " schemes this client signs with"));
        io.send(keys.certificateVerify(false, scheme));
    }
}
