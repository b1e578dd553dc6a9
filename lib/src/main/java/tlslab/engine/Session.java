package tlslab.engine;

import java.security.cert.X509Certificate;
import java.util.List;

import tlslab.crypto.CipherSuite;
import tlslab.wire.Hex;

/** What a resumed handshake reuses: the session ID, the cipher suite and the master secret. */
public record Session(byte[] id, CipherSuite cipherSuite, byte[] masterSecret, List<X509Certificate> peerCertificates) {

    @Override
    public String toString() {
        return "Session{id=" + Hex.abbreviate(id, 8) + ", " + cipherSuite + "}";
    }
}
