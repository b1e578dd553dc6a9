package tlslab.exercises.ex12;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.exercise.Tls13RecordOpener;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Impl;
import tlslab.wire.Hex;

/**
 * The known answers are records of RFC 8448 §3 (TLS_AES_128_GCM_SHA256, no padding) with the keys and
 * IVs the trace derives for them; the line numbers are those of the draft text the RFC was published from.
 */
@DisplayName("Exercise 12 · Open a TLS 1.3 record")
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RecordDecryptorTest {
    /** The client's application traffic key and IV (line 699), and its first application_data record (line 805). */
    static final byte[] CLIENT_KEY = Hex.parse("d92b3e9a88ea7fe2ed69aa9c8b629e91"), CLIENT_IV = Hex.parse("37a828161ead2b6813ad0b13");
    static final byte[] CLIENT_DATA = Hex.parse("1703030043 6f75483d5af74e8419fadfd21404a9b5eba36b5170c504366f2da8ddc2bd7bfc"
            + "af3cbee33d8c0172f0f8485a1fa52d1364257cf5c509eaf35c39189b5278b5861b019f");
    /** The payload of both application_data records: the bytes 00 to 31 (hex). */
    static final byte[] FIFTY_BYTES = new byte[50];

    static {
        for (int i = 0; i < 50; i++) FIFTY_BYTES[i] = (byte) i;
    }

    final Tls13RecordOpener records = Impl.of(Tls13RecordOpener.class);

    @Test
    @Tag("points=1")
    @DisplayName("nonce = IV XOR the padded sequence number")
    void nonce() {
        Expect.bytes("nonce(client IV, seq=0)", CLIENT_IV, records.nonce(CLIENT_IV, 0), "record 0: the IV itself");
        Expect.bytes("nonce(server IV, seq=1)", Hex.parse("8057dc46846821a1bea306e1"),
                records.nonce(Hex.parse("8057dc46846821a1bea306e0"), 1), "the sequence number goes in the last bytes");
        Expect.bytes("nonce(000…0, seq=0x0102030405060708)", Hex.parse("00000000 0102030405060708"),
                records.nonce(new byte[12], 0x0102030405060708L), "8 bytes, big-endian, left-padded with 4 zero bytes to 12");
        Expect.bytes("nonce(ff…ff, seq=0x0102030405060708)", Hex.parse("ffffffff fefdfcfbfaf9f8f7"),
                records.nonce(Hex.parse("ffffffffffffffffffffffff"), 0x0102030405060708L), "XOR, not copy");
    }

    @Test
    @Tag("points=1")
    @DisplayName("additional data = the record header")
    void additionalData() {
        Expect.bytes("additionalData(67)", Hex.parse("1703030043"), records.additionalData(67),
                "opaque_type 23, legacy_record_version 03 03, then the length of encrypted_record in 2 bytes");
        Expect.bytes("additionalData(16640)", Hex.parse("1703034100"), records.additionalData(16640),
                "the longest encrypted_record, 2^14 + 256 = 0x4100 bytes: most significant byte first");
    }

    @Test
    @Tag("points=2")
    @DisplayName("decrypt RFC 8448's first client application_data record")
    void decryptKnownRecord() {
        byte[] inner = new byte[51];
        System.arraycopy(FIFTY_BYTES, 0, inner, 0, 50);
        inner[50] = 23;
        Expect.bytes("decrypt(client key, client IV, seq=0, 72-byte record of line 805)", inner,
                records.decrypt(CLIENT_KEY, CLIENT_IV, 0, CLIENT_DATA),
                "the TLSInnerPlaintext: the 50 bytes of content, then the content type 23; the additional data is the 5-byte header");
    }

    @Test
    @Tag("points=2")
    @DisplayName("open RFC 8448's records: content type and content")
    void openKnownRecords() {
        Object[][] cases = {   // key, IV, seq, record, type, content, what
                {CLIENT_KEY, CLIENT_IV, 0L, CLIENT_DATA, 23, FIFTY_BYTES, "the client's application data (line 805)"},
                {"947fe41b60fa1bcf942d456268476e8d", "962df1fc720f9574f7d22248", 0L,
                        "1703030035ed2b5675d3a8b0d0cedd0519d5e7573c4aa061f42daeecca1c5498e1f063a9c6c5f594e3859f568a0bc5ee9ee49db23a0999f0aede",
                        22, "1400002080a2c0d6cbc21078dba30affbf091929278edc832db4bfa1c811c9e8c67da9bb",
                        "the client's Finished under its handshake keys (line 689)"},
                {"bbe6b3fc9c068c6fb331eca8aa919bfd", "8057dc46846821a1bea306e0", 1L,
                        "1703030043cc8a45078c6c81b7461ff5624f6312aa44c3c101eb700e6248042f40baca0d988fefd11e945d27c7c364b5068580571908646e59a85e12690df143671095b3c93d705c",
                        23, FIFTY_BYTES, "the server's application data, its record #1 (line 816)"},
                {"bbe6b3fc9c068c6fb331eca8aa919bfd", "8057dc46846821a1bea306e0", 2L, "1703030013487b8fbbf30c49dd4817e394fa6c6f95816846",
                        21, "0100", "the server's close_notify alert, its record #2 (line 845)"}};
        for (Object[] c : cases) {
            byte[] key = bytes(c[0]), iv = bytes(c[1]), record = bytes(c[3]), content = bytes(c[5]);
            long seq = (Long) c[2];
            Tls13RecordOpener.Opened opened = records.open(key, iv, seq, record);
            Expect.equal("content type of " + c[6], c[4], opened.contentType(),
                    "the last non-zero byte of the decrypted TLSInnerPlaintext: 21 alert, 22 handshake, 23 application_data");
            Expect.bytes("content of " + c[6], content, opened.content(), "everything before the content type");
        }
    }

    static byte[] bytes(Object o) {
        return o instanceof byte[] b ? b : Hex.parse((String) o);
    }
}
