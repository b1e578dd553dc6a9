package tlslab.record;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.wire.ProtocolVersion;

/**
 * The TLS record protocol (RFC 5246 §6): a 5-byte header in clear (type, version, length), then a
 * fragment of at most 2^14 plaintext bytes, protected once ChangeCipherSpec has switched ciphers.
 * Each direction keeps its own cipher and 64-bit sequence number.
 *
 * <p>Buffers are kept from one record to the next, as {@code SSLEngine} keeps its net buffer: a record
 * is sealed straight into {@code sendBuffer} behind its header and leaves in one {@code write}; an
 * incoming fragment is read into {@code receiveBuffer} and opened from there. So a record costs no new
 * arrays except the ones handed out: {@link #read()} returns a {@link Record} with arrays of its own,
 * and a {@link Listener} gets copies. {@link #readInto} decrypts into the caller's buffer instead, as
 * {@code SSLEngine.unwrap} does, and then nothing is allocated at all.
 */
public final class RecordLayer {
    public static final int MAX_PLAINTEXT = 1 << 14;
    /** RFC 5246 §6.2.3: protection adds at most 2048 bytes, so no fragment is longer than this. */
    public static final int MAX_FRAGMENT = MAX_PLAINTEXT + 2048;
    private boolean agreed;

    /** Sees every record that passes, for transcripts (none by default: records cost no copies then). */
    public interface Listener {
        void onRecord(boolean sent, Record record);
    }

    /** What {@link #readInto} found: the record's type and sequence number, and how many plaintext bytes it wrote. */
    public record Received(ContentType type, long seq, int length) {
    }

    private final InputStream in;
    private final OutputStream out;
    // Each grows to the largest record so far (see grow): handshake records are small, so a
    // connection that only handshakes never makes 16 KiB buffers.
    private byte[] sendBuffer = new byte[0];
    private final byte[] header = new byte[Record.HEADER_LENGTH];
    private byte[] receiveBuffer = new byte[0];
    /** The length of the fragment last read into {@code receiveBuffer}. */
    private int receivedLength;
    /** Where {@link #read()} decrypts to, before it copies out exactly the plaintext. */
    private byte[] plaintextBuffer = new byte[0];
    private Listener listener;
    private RecordCipher readCipher = RecordCipher.NONE;
    private RecordCipher writeCipher = RecordCipher.NONE;
    private long readSeq;
    private long writeSeq;
    private int writeLimit = MAX_PLAINTEXT;
    private int readLimit = MAX_PLAINTEXT;
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
        writeCipher = fitsBuffers(cipher);
        writeSeq = 0;
    }

    /** After receiving ChangeCipherSpec. */
    public void changeReadCipher(RecordCipher cipher) {
        readCipher = fitsBuffers(cipher);
        readSeq = 0;
    }

    private static RecordCipher fitsBuffers(RecordCipher cipher) {
        if (MAX_PLAINTEXT + cipher.maxExpansion() > MAX_FRAGMENT) {
            throw new IllegalArgumentException(cipher + " adds up to " + cipher.maxExpansion()
                    + " bytes to a record, more than the 2048 that RFC 5246 allows");
        }
        return cipher;
    }

    public boolean readEncrypted() {
        return readCipher != RecordCipher.NONE;
    }

    public boolean writeEncrypted() {
        return writeCipher != RecordCipher.NONE;
    }

    /**
     * The peer's record_size_limit (RFC 8449) as content bytes per record: from now on records we send
     * carry at most {@code contentBytes}, and records we read may carry at most {@code readContentBytes}.
     */
    public void recordSizeLimits(int contentBytes, int readContentBytes) {
        if (contentBytes < 1 || readContentBytes < 1) throw new IllegalArgumentException("a record carries at least one byte");
        writeLimit = Math.min(MAX_PLAINTEXT, contentBytes);
        readLimit = Math.min(MAX_PLAINTEXT, readContentBytes);
    }

    /** Sends {@code data} as one or more records of at most 2^14 bytes each (fewer if the peer set a record_size_limit). */
    public void write(ContentType type, byte[] data) throws IOException {
        int off = 0;
        do {
            int n = Math.min(writeLimit, data.length - off);
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
        sendBuffer = grow(sendBuffer, Record.HEADER_LENGTH + n + writeCipher.maxExpansion());
        byte[] wire = sendBuffer;
        int length = writeCipher.seal(seq, type, data, off, n, wire, Record.HEADER_LENGTH);
        wire[0] = (byte) writeCipher.outerType(type).code;
        wire[1] = (byte) (ProtocolVersion.TLS12 >>> 8);
        wire[2] = (byte) ProtocolVersion.TLS12;
        wire[3] = (byte) (length >>> 8);
        wire[4] = (byte) length;
        out.write(wire, 0, Record.HEADER_LENGTH + length);   // a stream may not keep the array (Pipe copies it)
        if (listener != null) {   // the listener may keep the record: it gets copies, never our buffer
            byte[] plaintext = Arrays.copyOfRange(data, off, off + n);
            byte[] sent = Arrays.copyOf(wire, Record.HEADER_LENGTH + length);
            listener.onRecord(true, new Record(type, seq, sent, plaintext, writeCipher != RecordCipher.NONE));
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
        ContentType type = readFragment();
        if (type == null) return null;
        if (isClearChangeCipherSpec(type)) {
            Record ccs = keep(new Received(type, readSeq, receivedLength), Arrays.copyOf(receiveBuffer, receivedLength), false);
            if (listener != null) listener.onRecord(false, ccs);
            return ccs;
        }
        plaintextBuffer = grow(plaintextBuffer, receivedLength);   // a plaintext is never longer than its fragment
        Received r = open(type, plaintextBuffer, 0);
        Record record = keep(r, Arrays.copyOf(plaintextBuffer, r.length()));
        if (listener != null) listener.onRecord(false, record);
        return record;
    }

    /**
     * Like {@link #read()}, but decrypts the plaintext into {@code out} from {@code off}, which must have
     * room for {@link #MAX_FRAGMENT} bytes: the 2^14 limit is checked after decryption, as the JDK asks
     * for {@code SSLSession.getApplicationBufferSize()}. Makes no arrays unless a listener is set.
     * Returns null if the peer closed the connection before a new record began.
     */
    public Received readInto(byte[] out, int off) throws IOException {
        if (out.length - off < MAX_FRAGMENT) {
            throw new IllegalArgumentException("readInto needs room for " + MAX_FRAGMENT + " bytes, has " + (out.length - off));
        }
        ContentType type = readFragment();
        if (type == null) return null;
        if (isClearChangeCipherSpec(type)) {
            System.arraycopy(receiveBuffer, 0, out, off, receivedLength);
            Received ccs = new Received(type, readSeq, receivedLength);
            if (listener != null) listener.onRecord(false, keep(ccs, Arrays.copyOf(receiveBuffer, receivedLength), false));
            return ccs;
        }
        Received r = open(type, out, off);
        if (listener != null) listener.onRecord(false, keep(r, Arrays.copyOfRange(out, off, off + r.length())));
        return r;
    }

    /** TLS 1.3's compatibility ChangeCipherSpec travels in clear even under new keys (RFC 8446 §5): not opened, no number. */
    private boolean isClearChangeCipherSpec(ContentType type) {
        return readCipher.typeInside() && type == ContentType.CHANGE_CIPHER_SPEC;
    }

    /** The record just received, with arrays of its own (a caller may keep it). */
    private Record keep(Received r, byte[] plaintext) {
        return keep(r, plaintext, readCipher != RecordCipher.NONE);
    }

    private Record keep(Received r, byte[] plaintext, boolean encrypted) {
        byte[] wire = new byte[Record.HEADER_LENGTH + receivedLength];
        System.arraycopy(header, 0, wire, 0, Record.HEADER_LENGTH);
        System.arraycopy(receiveBuffer, 0, wire, Record.HEADER_LENGTH, receivedLength);
        return new Record(r.type(), r.seq(), wire, plaintext, encrypted);
    }

    /**
     * Reads the next record's header into {@code header}, checks it, and reads its fragment into
     * {@code receiveBuffer}. Returns the record's type, or null if the stream ended before a new record began.
     */
    private ContentType readFragment() throws IOException {
        int first = in.read(header, 0, Record.HEADER_LENGTH);
        if (first < 0) return null;
        readFully(header, first, Record.HEADER_LENGTH - first, null);
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
        receiveBuffer = grow(receiveBuffer, length);
        readFully(receiveBuffer, 0, length, type);
        receivedLength = length;
        return type;
    }

    /** Decrypts the fragment in {@code receiveBuffer} into {@code out}, which has room for it. */
    private Received open(ContentType type, byte[] out, int outOff) throws TlsException {
        int at = (int) Math.min(Integer.MAX_VALUE, recordsRead);
        long seq = readSeq++;
        recordsRead++;
        int n = readCipher.open(seq, type, receiveBuffer, 0, receivedLength, out, outOff);
        if (readCipher.typeInside()) {   // TLS 1.3: the real content type is the last byte the cipher gives back
            type = ContentType.of(out[outOff + n - 1] & 0xff);
            n--;
        }
        if (n > readLimit) {
            throw new TlsException(AlertDescription.RECORD_OVERFLOW, "record #" + at + " decrypts to " + n + " bytes, more than "
                    + (readLimit == MAX_PLAINTEXT ? "2^14" : readLimit + " bytes of content, as our record_size_limit allows (RFC 8449)"));
        }
        return new Received(type, seq, n);
    }

    /** {@code buffer} if it holds {@code n} bytes, else a new one that does (its contents are not kept). */
    private static byte[] grow(byte[] buffer, int n) {
        return buffer.length >= n ? buffer : new byte[n];
    }

    /** {@code body}: the type of the record whose body is read, or null while reading a header. */
    private void readFully(byte[] b, int off, int len, ContentType body) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) {
                String what = body == null ? "record header" : body.rfcName() + " record body";
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
