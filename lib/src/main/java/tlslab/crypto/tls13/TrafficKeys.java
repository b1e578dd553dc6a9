package tlslab.crypto.tls13;

import tlslab.wire.Hex;

/**
 * The record protection key and IV of one direction (RFC 8446 §7.3), derived from that direction's
 * traffic secret:
 * <pre>
 *   [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)
 *   [sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length)
 * </pre>
 * Unlike TLS 1.2's key block, each direction and each stage (early, handshake, application) has its
 * own secret, so the keys come from separate derivations rather than one block cut into parts.
 */
public record TrafficKeys(byte[] key, byte[] iv) {

    /** The key and IV for {@code suite} from a traffic secret (early, handshake or application). */
    public static TrafficKeys derive(Tls13CipherSuite suite, byte[] trafficSecret) {
        return derive(Hkdf.LIBRARY, suite, trafficSecret);
    }

    /** The same on the HKDF-Expand-Label {@code f} ({@link Hkdf#LIBRARY}, or one plugged into a connection). */
    public static TrafficKeys derive(Hkdf.ExpandLabel f, Tls13CipherSuite suite, byte[] trafficSecret) {
        return new TrafficKeys(writeKey(f, suite, trafficSecret), writeIv(f, suite, trafficSecret));
    }

    public static byte[] writeKey(Tls13CipherSuite suite, byte[] trafficSecret) {
        return writeKey(Hkdf.LIBRARY, suite, trafficSecret);
    }

    public static byte[] writeKey(Hkdf.ExpandLabel f, Tls13CipherSuite suite, byte[] trafficSecret) {
        return f.expandLabel(suite.hash.hmacName, trafficSecret, "key", new byte[0], suite.keyLength);
    }

    public static byte[] writeIv(Tls13CipherSuite suite, byte[] trafficSecret) {
        return writeIv(Hkdf.LIBRARY, suite, trafficSecret);
    }

    public static byte[] writeIv(Hkdf.ExpandLabel f, Tls13CipherSuite suite, byte[] trafficSecret) {
        return f.expandLabel(suite.hash.hmacName, trafficSecret, "iv", new byte[0], Tls13CipherSuite.IV_LENGTH);
    }

    @Override
    public String toString() {
        return "TrafficKeys[key=" + Hex.of(key) + ", iv=" + Hex.of(iv) + "]";
    }
}
