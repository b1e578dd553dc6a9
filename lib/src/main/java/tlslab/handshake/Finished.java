package tlslab.handshake;

import java.util.Arrays;

import tlslab.alert.AlertDescription;
import tlslab.crypto.KeySchedule;
import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * Finished (RFC 5246 §7.4.9): the first protected message. verify_data = PRF(master_secret, label,
 * Hash(all handshake messages)) proves both sides saw the same handshake with the same keys. Hash
 * is the suite's PRF hash: SHA-256, or SHA-384 for the *_SHA384 suites.
 */
public record Finished(byte[] verifyData) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.FINISHED;
    }

    @Override
    public void writeBody(Writer w) {
        w.bytes(verifyData);
    }

    static Finished read(Reader r) throws DecodeException {
        byte[] vd = r.bytes("verify_data", KeySchedule.VERIFY_DATA_LENGTH);
        r.note("PRF(master_secret, finished_label, Hash(handshake_messages))[0..11]; Hash: SHA-256, SHA-384 for *_SHA384 suites");
        return new Finished(vd);
    }

    /**
     * TLS 1.3 (RFC 8446 §4.4.4): verify_data is HMAC(finished_key, Transcript-Hash(...)), Hash.length
     * bytes: 32 for the SHA-256 suites, 48 for TLS_AES_256_GCM_SHA384.
     */
    static Finished read13(Reader r) throws DecodeException {
        int n = r.remaining();
        if (n != 32 && n != 48) {
            throw r.error(AlertDescription.DECODE_ERROR, "verify_data", n + " bytes: Hash.length is 32 (SHA-256) or 48 (SHA-384)");
        }
        byte[] vd = r.bytes("verify_data", n);
        r.note("HMAC(finished_key, Transcript-Hash(handshake messages so far))");
        return new Finished(vd);
    }

    @Override
    public String toString() {
        return "Finished{verify_data=" + Hex.of(verifyData) + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Finished f && Arrays.equals(verifyData, f.verifyData);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(verifyData);
    }
}
