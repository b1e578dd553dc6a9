package tlslab.exercise;

/**
 * Exercise 7: the Finished message (RFC 5246 §7.4.9). You may use the library's
 * {@link tlslab.crypto.Prf#prf}.
 */
public interface FinishedVerifyData {

    /**
     * PRF(master_secret, "client finished" or "server finished", SHA-256(handshakeMessages)), 12 bytes.
     */
    byte[] verifyData(byte[] masterSecret, boolean fromClient, byte[] handshakeMessages);

    /** The whole Finished handshake message carrying this verify_data: header ‖ verify_data. */
    byte[] finishedMessage(byte[] verifyData);
}
