package tlslab.wire;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;

/** Malformed bytes: names the message, the field and the byte offset where decoding stopped. */
public final class DecodeException extends TlsException {
    private final String structure;
    private final String field;
    private final int offset;

    public DecodeException(AlertDescription alert, String structure, String field, int offset, String problem) {
        super(alert, structure + "." + field + " at byte " + offset + ": " + problem);
        this.structure = structure;
        this.field = field;
        this.offset = offset;
    }

    public String structure() {
        return structure;
    }

    public String field() {
        return field;
    }

    public int offset() {
        return offset;
    }
}
