package tlslab.record;

/**
 * One record as it crossed the wire: its content type, the 5-byte header and fragment exactly as
 * sent ({@code wire}), the plaintext inside, and the sequence number it was protected under.
 */
public record Record(ContentType type, long seq, byte[] wire, byte[] plaintext, boolean encrypted) {

    public static final int HEADER_LENGTH = 5;
}
