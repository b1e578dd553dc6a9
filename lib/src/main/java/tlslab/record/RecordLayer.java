package tlslab.record;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.wire.ProtocolVersion;

/**
 * The TLS record protocol (RFC 5246 §6): a 5-byte header in clear (type, version, length), then a
 * fragment of at most 2^14 plaintext bytes, protected once ChangeCipherSpec has switched ciphers.
 * Each direction keeps its own cipher and 64-bit sequence number.
 */
public final class RecordLayer {
    public static final int MAX_PLAINTEXT = 1 << 14;
    private boolean agreed;

    /** Sees every record that passes, for transcripts (none by default: records cost no copies then). */
    public interface Listener {
        void onRecord(boolean sent, Record record);
    }

    private final InputStream in;
    private final OutputStream out;
    private Listener listener;
    private RecordCipher readCipher = RecordCipher.NONE;
    private RecordCipher writeCipher = RecordCipher.NONE;
    private long readSeq;
    private long writeSeq;
    private long recordsRead;

    public RecordLayer(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    public void setListener(Listener listener) {
        this.listener = listener;
    }

    /** After sending ChangeCipherSpec: later records are protected, and numbering restarts at 0. */
    public void changeWriteCipher(RecordCipher cipher) {
        writeCipher = cipher;
        writeSeq = 0;
    }

    /** After receiving ChangeCipherSpec. */
    public void changeReadCipher(RecordCipher cipher) {
        readCipher = cipher;
        readSeq = 0;
    }

    public boolean readEncrypted() {
        return readCipher != RecordCipher.NONE;
    }

    public boolean writeEncrypted() {
        return writeCipher != RecordCipher.NONE;
    }

    /** Sends {@code data} as one or more records of at most 2^14 bytes each. */
    public void write(ContentType type, byte[] data) throws IOException {
        int off = 0;
        do {
            int n = Math.min(MAX_PLAINTEXT, data.length - off);
            writeOne(type, data, off, n);
            off += n;
        } while (off < data.length);
        out.flush();
    }

    private void writeOne(ContentType type, byte[] data, int off, int n) throws IOException {
        if (writeSeq == -1L) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, "sequence number would wrap: renegotiation not supported");
        }
        long seq = writeSeq++;
        byte[] fragment = writeCipher.seal(seq, type, data, off, n);
        byte[] wire = new byte[Record.HEADER_LENGTH + fragment.length];
        wire[0] = (byte) writeCipher.outerType(type).code;
        wire[1] = (byte) (ProtocolVersion.TLS12 >>> 8);
        wire[2] = (byte) ProtocolVersion.TLS12;
        wire[3] = (byte) (fragment.length >>> 8);
        wire[4] = (byte) fragment.length;
        System.arraycopy(fragment, 0, wire, Record.HEADER_LENGTH, fragment.length);
        out.write(wire);
        if (listener != null) {
            byte[] plaintext = java.util.Arrays.copyOfRange(data, off, off + n);
            listener.onRecord(true, new Record(type, seq, wire, plaintext, writeCipher != RecordCipher.NONE));
        }
    }

    /**
     * From now on every record must say TLS 1.2: a first ClientHello may come in an older record
     * version (clients use 0x0301 for it), nothing after ServerHello may.
     */
    public void versionAgreed() {
        agreed = true;
    }

    /** The next record, decrypted; null if the peer closed the connection before a new record began. */
    public Record read() throws IOException {
        byte[] header = new byte[Record.HEADER_LENGTH];
        int first = in.read(header, 0, 1);
        if (first < 0) return null;
        readFully(header, 1, 4, "record header");
        int at = (int) Math.min(Integer.MAX_VALUE, recordsRead);
        ContentType type = ContentType.of(header[0] & 0xff);
        if (type == null) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "record #" + at + ": content type "
                    + (header[0] & 0xff) + " at byte 0 is not one TLS defines" + plainTextHint(header));
        }
        int version = ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        if ((version >>> 8) != 3) {
            throw new TlsException(AlertDescription.PROTOCOL_VERSION, String.format(
                    "record #%d: version 0x%04X at byte 1 is not SSL/TLS", at, version));
        }
        if (agreed && version != ProtocolVersion.TLS12) {
            throw new TlsException(AlertDescription.PROTOCOL_VERSION, String.format("record #%d: version 0x%04X at byte 1,"
                    + " but this connection agreed on TLS 1.2 (0x0303): after ServerHello every record carries it", at, version));
        }
        int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        int limit = MAX_PLAINTEXT + readCipher.maxExpansion();
        if (length > limit) {
            throw new TlsException(AlertDescription.RECORD_OVERFLOW, "record #" + at + ": length " + length
                    + " at byte 3 exceeds the limit of " + limit);
        }
        byte[] wire = new byte[Record.HEADER_LENGTH + length];
        System.arraycopy(header, 0, wire, 0, Record.HEADER_LENGTH);
        readFully(wire, Record.HEADER_LENGTH, length, type.rfcName() + " record body");
        byte[] fragment = java.util.Arrays.copyOfRange(wire, Record.HEADER_LENGTH, wire.length);
        if (readCipher.typeInside() && type == ContentType.CHANGE_CIPHER_SPEC) {
            // TLS 1.3's compatibility ChangeCipherSpec travels in clear even under new keys (RFC 8446 §5)
            Record ccs = new Record(type, readSeq, wire, fragment, false);
            if (listener != null) listener.onRecord(false, ccs);
            return ccs;
        }
        long seq = readSeq++;
        recordsRead++;
        byte[] plaintext = readCipher.open(seq, type, fragment);
        if (readCipher.typeInside()) {   // TLS 1.3: the real content type is the last byte the cipher gives back
            type = ContentType.of(plaintext[plaintext.length - 1] & 0xff);
            plaintext = java.util.Arrays.copyOf(plaintext, plaintext.length - 1);
        }
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new TlsException(AlertDescription.RECORD_OVERFLOW, "record #" + at + " decrypts to "
                    + plaintext.length + " bytes, more than 2^14");
        }
        Record record = new Record(type, seq, wire, plaintext, readCipher != RecordCipher.NONE);
        if (listener != null) listener.onRecord(false, record);
        return record;
    }

    private void readFully(byte[] b, int off, int len, String what) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) {
                throw new TlsException(AlertDescription.DECODE_ERROR, "connection closed in the middle of the "
                        + what + " (" + len + " byte(s) missing)", new EOFException());
            }
            off += n;
            len -= n;
        }
    }

    private static String plainTextHint(byte[] header) {
        String start = new String(header, StandardCharsets.US_ASCII);
        if (start.startsWith("GET ") || start.startsWith("POST") || start.startsWith("HTTP")) {
            return " (these bytes read \"" + start + "\": plain HTTP, not TLS)";
        }
        return "";
    }
}
