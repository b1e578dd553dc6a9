package tlslab.engine;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import tlslab.crypto.CipherSuite;
import tlslab.crypto.NamedGroup;
import tlslab.crypto.Prf;
import tlslab.crypto.RandomSource;
import tlslab.crypto.tls13.Hkdf;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.handshake.ClientHello;
import tlslab.transcript.Entry;
import tlslab.transcript.KeyLog;
import tlslab.wire.ProtocolVersion;

/** Settings for one side of a connection. Setters return {@code this} so settings chain. */
public final class TlsConfig {
    // Forward secrecy and AEAD first, so the default choice of curl or openssl against our server is
    // an ECDHE AEAD suite; AES-128-GCM stays on top (what two tlslab peers agree on, as the notebooks show).
    List<CipherSuite> cipherSuites = List.of(
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
            CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256,
            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA);
    // the ffdhe groups work but are off by default: their keys take milliseconds where a curve's take microseconds
    List<NamedGroup> groups = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1);
    List<X509Certificate> certificateChain = List.of();
    PrivateKey privateKey;
    List<X509Certificate> trustedCas = List.of();
    boolean verifyPeer = true;
    boolean requireClientCertificate;
    String serverName;
    SecureRandom random;
    Clock clock = Clock.systemUTC();
    SessionCache sessionCache = new SessionCache();
    Session resume;
    Tls13Ticket resumeTls13;
    KeyLog keyLog;
    Prf.Function prf = Prf::prf;
    Hkdf.ExpandLabel hkdfExpandLabel = Hkdf.LIBRARY;
    boolean extendedMasterSecret = true;
    boolean encryptThenMac = true;
    /** The protocol versions this side speaks (ProtocolVersion codes): both, 1.3 preferred. */
    List<Integer> versions = List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12);
    List<Tls13CipherSuite> tls13CipherSuites = List.of(Tls13CipherSuite.TLS_AES_128_GCM_SHA256,
            Tls13CipherSuite.TLS_AES_256_GCM_SHA384, Tls13CipherSuite.TLS_CHACHA20_POLY1305_SHA256);
    boolean middleboxCompatibility = true;
    /** RFC 8449: the most plaintext we take in one protected TLS 1.3 record, content type included. */
    int recordSizeLimit = MAX_RECORD_SIZE_LIMIT;
    /** Tests only: replaces the ClientHello the client built, as the RFC 8448 replay replaces it with the published one. */
    UnaryOperator<ClientHello> clientHelloOverride;
    final List<Consumer<Entry>> observers = new ArrayList<>();

    /** 2^14 + 1: a full 2^14 bytes of content plus TLS 1.3's inner content type. */
    public static final int MAX_RECORD_SIZE_LIMIT = (1 << 14) + 1;

    /** The TLS 1.2 cipher suites, most preferred first: the order a server picks by. */
    public List<CipherSuite> preferredCipherSuites() {
        return cipherSuites;
    }

    /** Cipher suites, most preferred first (a server uses its own order). */
    public TlsConfig cipherSuites(CipherSuite... suites) {
        if (suites.length == 0) throw new IllegalArgumentException("at least one cipher suite is needed");
        this.cipherSuites = List.of(suites);
        return this;
    }

    public TlsConfig groups(NamedGroup... groups) {
        if (groups.length == 0) throw new IllegalArgumentException("at least one group is needed");
        this.groups = List.of(groups);
        return this;
    }

    /** This side's certificate chain (own certificate first) and its private key. */
    public TlsConfig identity(List<X509Certificate> chain, PrivateKey key) {
        if (chain.isEmpty() || key == null) throw new IllegalArgumentException("identity needs a certificate and its private key");
        this.certificateChain = List.copyOf(chain);
        this.privateKey = key;
        return this;
    }

    /** CAs to trust: the client checks the server's chain against them; a server asking for client certificates too. */
    public TlsConfig trust(List<X509Certificate> cas) {
        this.trustedCas = List.copyOf(cas);
        return this;
    }

    /** Client: skip checking the server's certificate (for demos against unknown servers; says so). */
    public TlsConfig verifyPeer(boolean verify) {
        this.verifyPeer = verify;
        return this;
    }

    /** Server: ask for a client certificate, verified against {@link #trust}, and refuse clients without one. */
    public TlsConfig requireClientCertificate(boolean require) {
        this.requireClientCertificate = require;
        return this;
    }

    /** Client: the host name to send (SNI) and to check the certificate against. */
    public TlsConfig serverName(String name) {
        this.serverName = name;
        return this;
    }

    /** The source of every random byte (randoms, secrets, ECDHE keys, IVs). Default: SecureRandom. */
    public TlsConfig random(SecureRandom random) {
        this.random = random;
        return this;
    }

    public TlsConfig clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Server: where sessions are kept for resumption (share one cache between connections). */
    public TlsConfig sessionCache(SessionCache cache) {
        this.sessionCache = cache;
        return this;
    }

    /** Client: offer to resume this session (from an earlier {@link Connection#session()}). */
    public TlsConfig resume(Session session) {
        this.resume = session;
        return this;
    }

    /**
     * Offer (client) or accept (server) the extended master secret (RFC 7627), on by default as in
     * every browser, OpenSSL, curl and the JDK. Off, the master secret comes from the two randoms
     * alone, as RFC 5246 §8.1 first defined it.
     */
    public TlsConfig extendedMasterSecret(boolean on) {
        this.extendedMasterSecret = on;
        return this;
    }

    /**
     * The versions to speak: {@code ProtocolVersion.TLS13}, {@code ProtocolVersion.TLS12} or both. With
     * both, TLS 1.3 is offered and preferred and 1.2 is what a 1.2-only peer gets.
     */
    public TlsConfig versions(int... versions) {
        List<Integer> v = new ArrayList<>();
        for (int version : versions) {
            if (version != ProtocolVersion.TLS12 && version != ProtocolVersion.TLS13) {
                throw new IllegalArgumentException("this library speaks TLS 1.2 and 1.3, not " + ProtocolVersion.nameAndCode(version));
            }
            v.add(version);
        }
        if (v.isEmpty()) throw new IllegalArgumentException("at least one version is needed");
        this.versions = List.copyOf(v);
        return this;
    }

    /** TLS 1.3 cipher suites, most preferred first. */
    public TlsConfig tls13CipherSuites(Tls13CipherSuite... suites) {
        if (suites.length == 0) throw new IllegalArgumentException("at least one TLS 1.3 cipher suite is needed");
        this.tls13CipherSuites = List.of(suites);
        return this;
    }

    /**
     * Client: TLS 1.3's middlebox compatibility mode (RFC 8446 §D.4), on by default as in browsers and
     * OpenSSL: a random legacy_session_id and one ChangeCipherSpec that the server ignores. Off, the
     * ClientHello's session ID is empty and no ChangeCipherSpec goes out (RFC 8448's traces are made so).
     */
    public TlsConfig middleboxCompatibility(boolean on) {
        this.middleboxCompatibility = on;
        return this;
    }

    /**
     * TLS 1.3: the record_size_limit (RFC 8449) this side announces, from 64 to 2^14 + 1 (the default);
     * the peer then sends records of at most this many bytes of plaintext, content type included, and a
     * larger one is record_overflow. The peer's own limit shortens the records we send.
     */
    public TlsConfig recordSizeLimit(int limit) {
        if (limit < 64 || limit > MAX_RECORD_SIZE_LIMIT) {
            throw new IllegalArgumentException("record_size_limit must be 64 to 16385 in TLS 1.3 (RFC 8449 §4), not " + limit);
        }
        this.recordSizeLimit = limit;
        return this;
    }

    /** Offer or accept encrypt-then-MAC for CBC suites (RFC 7366), on by default. */
    public TlsConfig encryptThenMac(boolean on) {
        this.encryptThenMac = on;
        return this;
    }

    /** Client: offer to resume with this TLS 1.3 ticket (from an earlier {@link Connection#tls13Ticket()}). */
    public TlsConfig resume(Tls13Ticket ticket) {
        this.resumeTls13 = ticket;
        return this;
    }

    public TlsConfig keyLog(KeyLog keyLog) {
        this.keyLog = keyLog;
        return this;
    }

    /**
     * Replace the TLS PRF, e.g. with a student's own implementation: a wrong one breaks Finished. It is
     * a SHA-256 PRF, so it drives the SHA-256 suites; the *_SHA384 suites keep the library's SHA-384 PRF.
     */
    public TlsConfig prf(Prf.Function prf) {
        this.prf = (secret, label, seed, length) -> {
            byte[] out;
            try {
                out = prf.prf(secret, label, seed, length);
            } catch (RuntimeException e) {
                throw new PluggedInFailure("the PRF given to TlsConfig.prf threw " + e, e);
            }
            if (out == null || out.length != length) {
                throw new PluggedInFailure("the PRF given to TlsConfig.prf returned " + (out == null ? "null" : out.length + " bytes")
                        + " for label \"" + label + "\" where " + length + " bytes were asked", null);
            }
            return out;
        };
        return this;
    }

    /**
     * Replace TLS 1.3's HKDF-Expand-Label (RFC 8446 §7.1), e.g. with a student's own: every secret after
     * HKDF-Extract comes from it (Derive-Secret, the "derived" salts, traffic secrets), and so do the
     * Finished keys, the record keys and IVs ("key", "iv"), PSK binders, ticket PSKs and KeyUpdate's next
     * secret. It is called with the suite's HMAC ("HmacSHA256" or "HmacSHA384"), so it drives every TLS 1.3
     * suite. A wrong one breaks the handshake: the peer cannot open our records (bad_record_mac) or
     * check our Finished (decrypt_error). TLS 1.2 connections do not use it.
     */
    public TlsConfig hkdfExpandLabel(Hkdf.ExpandLabel expandLabel) {
        this.hkdfExpandLabel = (hmac, secret, label, context, length) -> {
            byte[] out;
            try {
                out = expandLabel.expandLabel(hmac, secret.clone(), label, context.clone(), length);
            } catch (RuntimeException e) {
                throw new PluggedInFailure("the HKDF-Expand-Label given to TlsConfig.hkdfExpandLabel threw " + e
                        + " for label \"" + label + "\"", e);
            }
            if (out == null || out.length != length) {
                throw new PluggedInFailure("the HKDF-Expand-Label given to TlsConfig.hkdfExpandLabel returned "
                        + (out == null ? "null" : out.length + " bytes") + " for label \"" + label + "\" where " + length
                        + " bytes were asked", null);
            }
            return out;
        };
        return this;
    }

    /** Code plugged into the handshake (a student's PRF or HKDF-Expand-Label) failed: reported as such, not as a library bug. */
    static final class PluggedInFailure extends RuntimeException {
        PluggedInFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Called with each message as it is sent or received. */
    public TlsConfig observe(Consumer<Entry> observer) {
        observers.add(observer);
        return this;
    }

    SecureRandom random() {
        if (random == null) random = RandomSource.secure();
        return random;
    }
}
