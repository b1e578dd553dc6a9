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
        // TODO: PRF(master, label, SHA-256(messages)), 12 bytes
        throw new UnsupportedOperationException("not written yet: FinishedCalculator.verifyData");
    }

    @Override
    public byte[] finishedMessage(byte[] verifyData) {
        // TODO: 4-byte handshake header, then verify_data
        throw new UnsupportedOperationException("not written yet: FinishedCalculator.finishedMessage");
    }
}
