package tlslab.engine;

import java.security.cert.X509Certificate;
import java.util.List;

import tlslab.crypto.CipherSuite;
import tlslab.wire.Hex;

/**
 * What a resumed handshake reuses: the session ID, the cipher suite, the master secret, and how it
 * was made and is used: with the extended master secret (RFC 7627) and encrypt-then-MAC (RFC 7366),
 * which a resumption must keep as they were.
 */
public record Session(byte[] id, CipherSuite cipherSuite, byte[] masterSecret, List<X509Certificate> peerCertificates,
                      boolean extendedMasterSecret, boolean encryptThenMac) {

    @Override
    public String toString() {
        return "Session{id=" + Hex.abbreviate(id, 8) + ", " + cipherSuite + (extendedMasterSecret ? ", extended master secret" : "")
                + (encryptThenMac ? ", encrypt-then-MAC" : "") + "}";
    }
}
