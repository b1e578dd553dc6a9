package tlslab.engine;

import java.security.cert.X509Certificate;
import java.util.List;

import tlslab.crypto.CipherSuite;

/**
 * What the two hellos settled for this handshake: the cipher suite, and whether the master secret
 * is the extended one (RFC 7627) and CBC records are encrypt-then-MAC (RFC 7366).
 */
record Agreed(CipherSuite suite, boolean extendedMasterSecret, boolean encryptThenMac) {

    /** A resumption keeps what the session was made with. */
    static Agreed of(Session s) {
        return new Agreed(s.cipherSuite(), s.extendedMasterSecret(), s.encryptThenMac());
    }

    Session session(byte[] id, byte[] masterSecret, List<X509Certificate> peerCertificates) {
        return new Session(id, suite, masterSecret, peerCertificates, extendedMasterSecret, encryptThenMac);
    }
}
