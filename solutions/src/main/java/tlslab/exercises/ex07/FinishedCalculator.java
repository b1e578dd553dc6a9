package tlslab.exercises.ex07;

import tlslab.crypto.Prf;
import tlslab.exercise.FinishedVerifyData;

/**
 * Exercise 7 — Finished (RFC 5246 §7.4.9): the message that proves both sides saw the same handshake.
 *
 * <pre>
 * verify_data = PRF(master_secret, finished_label, SHA-256(handshake_messages))[0..11]
 * finished_label = "client finished" or "server finished"
 * Finished message = 20 (msg_type finished) ‖ length (3 bytes) ‖ verify_data
 * </pre>
 *
 * Use the library's {@link Prf#prf} and {@code MessageDigest.getInstance("SHA-256")}; the library's
 * KeySchedule is off limits here.
 */
public class FinishedCalculator implements FinishedVerifyData {

    @Override
    public byte[] verifyData(byte[] masterSecret, boolean fromClient, byte[] handshakeMessages) {
        // BEGIN SOLUTION FinishedCalculator.verifyData: PRF(master, label, SHA-256(messages)), 12 bytes
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(handshakeMessages);
            return Prf.prf(masterSecret, fromClient ? "client finished" : "server finished", hash, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // END SOLUTION
    }

    @Override
    public byte[] finishedMessage(byte[] verifyData) {
        // BEGIN SOLUTION FinishedCalculator.finishedMessage: 4-byte handshake header, then verify_data
        byte[] out = new byte[4 + verifyData.length];
        out[0] = 20;
        out[1] = (byte) (verifyData.length >>> 16);
        out[2] = (byte) (verifyData.length >>> 8);
        out[3] = (byte) verifyData.length;
        System.arraycopy(verifyData, 0, out, 4, verifyData.length);
        return out;
        // END SOLUTION
    }
}
