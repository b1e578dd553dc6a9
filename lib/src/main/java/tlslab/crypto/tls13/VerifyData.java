package tlslab.crypto.tls13;

import tlslab.crypto.Hash;

import java.util.Arrays;

/**
 * Finished's verify_data (RFC 8446 §4.4.4) and the PSK binder (§4.2.11.2), which is computed the same
 * way with a different base key:
 * <pre>
 *   finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length)
 *   verify_data  = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*, CertificateVerify*))
 * </pre>
 * BaseKey is the sender's handshake traffic secret for Finished, binder_key for a binder. Unlike TLS
 * 1.2's 12 bytes, verify_data is Hash.length bytes long.
 */
public final class VerifyData {
    private VerifyData() {
    }

    /** finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length). */
    public static byte[] finishedKey(Hash hash, byte[] baseKey) {
        return finishedKey(Hkdf.LIBRARY, hash, baseKey);
    }

    /** The same on the HKDF-Expand-Label {@code f} ({@link Hkdf#LIBRARY}, or one plugged into a connection). */
    public static byte[] finishedKey(Hkdf.ExpandLabel f, Hash hash, byte[] baseKey) {
        return f.expandLabel(hash.hmacName, baseKey, "finished", new byte[0], hash.length());
    }

    /**
     * verify_data = HMAC(finished_key, transcript hash). The server's covers ClientHello…its
     * CertificateVerify, with its handshake traffic secret; the client's covers ClientHello…server
     * Finished (and its own Certificate, CertificateVerify if it sent them), with its own.
     */
    public static byte[] verifyData(Hash hash, byte[] baseKey, byte[] transcriptHash) {
        return verifyData(Hkdf.LIBRARY, hash, baseKey, transcriptHash);
    }

    /** The same on the HKDF-Expand-Label {@code f}. */
    public static byte[] verifyData(Hkdf.ExpandLabel f, Hash hash, byte[] baseKey, byte[] transcriptHash) {
        return hash.hmac(finishedKey(f, hash, baseKey), transcriptHash);
    }

    /**
     * A PSK binder: verify_data with binder_key as BaseKey, over Transcript-Hash(Truncate(ClientHello)).
     * It proves the client holds the PSK and binds the PSK to this ClientHello.
     */
    public static byte[] binder(Hash hash, byte[] binderKey, byte[] truncatedClientHelloHash) {
        return binder(Hkdf.LIBRARY, hash, binderKey, truncatedClientHelloHash);
    }

    /** The same on the HKDF-Expand-Label {@code f}. */
    public static byte[] binder(Hkdf.ExpandLabel f, Hash hash, byte[] binderKey, byte[] truncatedClientHelloHash) {
        return verifyData(f, hash, binderKey, truncatedClientHelloHash);
    }

    /**
     * Truncate(ClientHello) (§4.2.11.2): the ClientHello without its binders list, which comes last
     * (pre_shared_key is the last extension and binders its last field). The message's own length
     * fields still count the binders: the binders are cut off the end, nothing else changes.
     */
    public static byte[] truncateClientHello(byte[] clientHello, int bindersLength) {
        if (bindersLength < 0 || bindersLength > clientHello.length) {
            throw new IllegalArgumentException("a " + clientHello.length + "-byte ClientHello has no "
                    + bindersLength + "-byte binders list");
        }
        return Arrays.copyOf(clientHello, clientHello.length - bindersLength);
    }

    /** The length of a binders list of {@code count} binders of Hash.length bytes: uint16 + (uint8 + binder) each. */
    public static int bindersLength(Hash hash, int count) {
        return 2 + count * (1 + hash.length());
    }
}
