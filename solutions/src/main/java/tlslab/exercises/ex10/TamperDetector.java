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
        // BEGIN SOLUTION TamperDetector.firstBadFinished: hash the handshake messages before each Finished
        java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < messages.length; i++) {
            if (names[i].equals("Finished")) {
                byte[] expected = Prf.prf(masterSecret, fromClient[i] ? "client finished" : "server finished",
                        sha256(seen.toByteArray()), 12);
                byte[] got = java.util.Arrays.copyOfRange(messages[i], 4, messages[i].length);
                if (!java.security.MessageDigest.isEqual(expected, got)) return i;
            }
            if (isHandshake(names[i])) seen.writeBytes(messages[i]);
        }
        return -1;
        // END SOLUTION
    }

    // BEGIN SOLUTION REMOVE
    private static final java.util.Set<String> HANDSHAKE = java.util.Set.of("HelloRequest", "ClientHello",
            "ServerHello", "Certificate", "ServerKeyExchange", "CertificateRequest", "ServerHelloDone",
            "CertificateVerify", "ClientKeyExchange", "Finished");

    private static boolean isHandshake(String name) {
        return HANDSHAKE.contains(name);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
    // END SOLUTION
}
