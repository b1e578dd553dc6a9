package tlslab.engine;

import java.util.Set;

import tlslab.crypto.Hash;
import tlslab.crypto.Prf;
import tlslab.crypto.tls13.Hkdf;
import tlslab.wire.Writer;

/**
 * Keys for another protocol, bound to this connection (RFC 5705 for TLS 1.2, RFC 8446 §7.5 for 1.3):
 * both ends get the same bytes for the same label and context, and nobody else can. EAP-TLS, DTLS-SRTP
 * and token binding take their keys this way.
 */
final class KeyingMaterialExporter {
    /** Labels the TLS 1.2 PRF already uses for the connection's own keys (RFC 5705 §4 forbids them). */
    private static final Set<String> RESERVED = Set.of("client finished", "server finished", "master secret", "key expansion",
            "extended master secret");

    private KeyingMaterialExporter() {
    }

    /** RFC 5705 §4: PRF(master_secret, label, client_random ‖ server_random [‖ uint16 context length ‖ context]). */
    static byte[] tls12(Secrets s, String label, byte[] context, int length) {
        check(label, context, length);
        if (RESERVED.contains(label)) {
            throw new IllegalArgumentException("\"" + label + "\" is a label TLS 1.2 itself uses with the master secret (RFC 5705 §4)");
        }
        Writer seed = new Writer().bytes(s.clientRandom()).bytes(s.serverRandom());
        if (context != null) seed.opaque16(context);
        return Prf.prf(s.cipherSuite().prfHash, s.masterSecret(), label, seed.toByteArray(), length);
    }

    /**
     * RFC 8446 §7.5: HKDF-Expand-Label(Derive-Secret(exporter_master_secret, label, ""), "exporter",
     * Hash(context), length). No context and an empty one give the same keys in 1.3.
     */
    static byte[] tls13(Tls13Secrets s, String label, byte[] context, int length) {
        check(label, context, length);
        if (("tls13 " + label).length() > 255) throw new IllegalArgumentException("the label is longer than 249 bytes");
        Hash hash = s.cipherSuite().hash;
        byte[] secret = Hkdf.deriveSecret(hash, s.exporterMasterSecret(), label, hash.digest(new byte[0]));
        return Hkdf.expandLabel(hash, secret, "exporter", hash.digest(context == null ? new byte[0] : context), length);
    }

    private static void check(String label, byte[] context, int length) {
        if (label == null || label.isEmpty()) throw new IllegalArgumentException("an exporter needs a label");
        if (context != null && context.length > 0xffff) throw new IllegalArgumentException("the context is longer than 65535 bytes");
        if (length < 1 || length > 0xffff) throw new IllegalArgumentException("the length must be 1 to 65535 bytes, not " + length);
    }
}
