package tlslab.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import tlslab.alert.TlsException;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.wire.Hex;

/**
 * open(seal(x)) == x for every suite, every type a TLS 1.3 record may carry, content of 0 to 2^14
 * bytes, any padding that fits (content + type + padding ≤ 2^14 + 1) and any sequence number.
 */
class Tls13RecordRoundTripTest {

    @Property(tries = 500)
    void openUndoesSeal(@ForAll Tls13CipherSuite suite, @ForAll("innerPlaintexts") TlsInnerPlaintext x,
                        @ForAll long seq) throws TlsException {
        byte[] trafficSecret = new byte[suite.hash.length()];
        Arrays.fill(trafficSecret, (byte) seq); // any secret will do; one per try keeps the JDK's nonce-reuse guard quiet
        byte[] record = Tls13RecordCipher.of(suite, trafficSecret).seal(seq, x.type(), x.content(), x.padding());

        int length = x.content().length + 1 + x.padding() + Tls13RecordCipher.TAG_LENGTH;
        assertEquals(Hex.of(new byte[] {23, 3, 3, (byte) (length >>> 8), (byte) length}), Hex.of(record, 0, 5), "header");
        assertEquals(5 + length, record.length);
        assertEquals(x, Tls13RecordCipher.of(suite, trafficSecret).open(seq, record));
    }

    @Provide
    Arbitrary<TlsInnerPlaintext> innerPlaintexts() {
        Arbitrary<ContentType> types = Arbitraries.of(ContentType.HANDSHAKE, ContentType.ALERT, ContentType.APPLICATION_DATA);
        Arbitrary<byte[]> contents = Arbitraries.bytes().array(byte[].class).ofMaxSize(RecordLayer.MAX_PLAINTEXT);
        return types.flatMap(type -> contents
                .filter(c -> c.length > 0 || type == ContentType.APPLICATION_DATA) // §5.4: only application data may be empty
                .flatMap(c -> Arbitraries.integers().between(0, RecordLayer.MAX_PLAINTEXT - c.length)
                        .map(padding -> new TlsInnerPlaintext(type, c, padding))));
    }
}
