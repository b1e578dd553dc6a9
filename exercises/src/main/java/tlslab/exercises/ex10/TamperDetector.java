package tlslab.exercises.ex10;

import tlslab.crypto.Prf;
import tlslab.exercise.TranscriptChecker;

/**
 * Exercise 10 — spot a tampered handshake. A man in the middle can change any byte of the
 * unencrypted handshake, but not the master secret; Finished is where both sides find out. Recompute
 * each Finished from the messages before it and report the first that does not match.
 *
 * <p>Hash only handshake messages (skip "ChangeCipherSpec", which is its own record type, and
 * anything else that is not a handshake message); the label depends on who sent the Finished. In a
 * resumed handshake the server's Finished comes first. Use {@link Prf#prf}; the library's
 * KeySchedule is off limits here.
 */
public class TamperDetector implements TranscriptChecker {

    @Override
    public int firstBadFinished(byte[] masterSecret, String[] names, boolean[] fromClient, byte[][] messages) {
        // TODO: hash the handshake messages before each Finished
        throw new UnsupportedOperationException("not written yet: TamperDetector.firstBadFinished");
    }
}
