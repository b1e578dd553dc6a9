package tlslab.engine;

import java.security.PublicKey;
import java.util.List;

import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeyExchange;
import tlslab.crypto.KeySchedule;
import tlslab.handshake.ClientHello;
import tlslab.handshake.ClientKeyExchange;
import tlslab.handshake.ServerKeyExchange;

/**
 * One kind of key exchange (RFC 5246 §7.4.3, §7.4.7): how both sides come to hold the same
 * pre-master secret. It is the only part of a TLS 1.2 handshake that differs between the kinds a
 * cipher suite can name. The server calls {@link #serverKeyExchange} and then
 * {@link #serverPreMaster}; the client calls {@link #processServerKeyExchange} (when the server sent
 * one) and then {@link #clientKeyExchange}.
 */
abstract sealed class KeyAgreement permits RsaKeyTransport, EcdheKeyAgreement {
    final TlsConfig config;

    KeyAgreement(TlsConfig config) {
        this.config = config;
    }

    /** The client's side for the suite the server chose; {@code offeredSchemes} are its ClientHello's signature_algorithms. */
    static KeyAgreement forClient(CipherSuite suite, TlsConfig config, List<Integer> offeredSchemes) {
        return suite.keyExchange == KeyExchange.RSA ? new RsaKeyTransport(config) : EcdheKeyAgreement.forClient(config, offeredSchemes);
    }

    /** Server: the ServerKeyExchange that follows Certificate, or null when this kind sends none. */
    abstract ServerKeyExchange serverKeyExchange(byte[] clientRandom, byte[] serverRandom) throws TlsException;

    /** Server: the pre-master secret out of the client's ClientKeyExchange. */
    abstract byte[] serverPreMaster(ClientHello hello, ClientKeyExchange cke) throws TlsException;

    /** Client: whether a ServerKeyExchange must come before ServerHelloDone. */
    abstract boolean expectsServerKeyExchange();

    /** Client: checks the server's ServerKeyExchange and keeps what it needs from it. */
    abstract void processServerKeyExchange(byte[] clientRandom, byte[] serverRandom, ServerKeyExchange ske,
                                           PublicKey serverKey) throws TlsException;

    /** Client: the ClientKeyExchange to send, and the pre-master secret it leads to. */
    abstract ClientShare clientKeyExchange(PublicKey serverKey) throws TlsException;

    record ClientShare(ClientKeyExchange message, byte[] preMasterSecret) {
    }

    /**
     * The master secret: the extended one (RFC 7627) over {@code sessionHash} when agreed, else the
     * one from the two randoms (RFC 5246 §8.1). Either way from the suite's PRF (the config's for SHA-256 suites).
     */
    static byte[] masterSecret(TlsConfig config, CipherSuite suite, byte[] preMaster, byte[] sessionHash, byte[] clientRandom,
                               byte[] serverRandom) {
        return sessionHash != null ? KeySchedule.extendedMasterSecret(config.prf, suite, preMaster, sessionHash)
                : KeySchedule.masterSecret(config.prf, suite, preMaster, clientRandom, serverRandom);
    }
}
