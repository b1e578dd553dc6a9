package tlslab.exercise;

/**
 * Exercise 10: spot a tampered handshake. The arrays describe one connection's messages in order, as
 * the library's {@link tlslab.transcript.Transcript} records them: {@code names[i]} (e.g.
 * "ClientHello", "ChangeCipherSpec", "Finished"), who sent it, and its bytes (for handshake messages,
 * the whole message with its 4-byte header). ChangeCipherSpec is not a handshake message.
 */
public interface TranscriptChecker {

    /**
     * The index of the first Finished message whose verify_data does not match
     * PRF(masterSecret, its label, SHA-256(all handshake messages before it)), or −1 if every
     * Finished matches.
     */
    int firstBadFinished(byte[] masterSecret, String[] names, boolean[] fromClient, byte[][] messages);
}
