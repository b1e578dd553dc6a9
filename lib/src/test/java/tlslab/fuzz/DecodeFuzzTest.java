package tlslab.fuzz;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import tlslab.crypto.KeyExchange;
import tlslab.handshake.Handshake;
import tlslab.wire.DecodeException;

/** Arbitrary bytes after a valid type byte: decoding fails only with DecodeException. */
class DecodeFuzzTest {

    @Property(tries = 3000)
    void anyBytesDecodeOrFailCleanly(@ForAll @IntRange(min = 0, max = 20) int type, @ForAll @Size(max = 300) byte[] body,
                                     @ForAll boolean rsa) {
        byte[] msg = new byte[4 + body.length];
        msg[0] = (byte) type;
        msg[1] = (byte) (body.length >>> 16);
        msg[2] = (byte) (body.length >>> 8);
        msg[3] = (byte) body.length;
        System.arraycopy(body, 0, msg, 4, body.length);
        try {
            Handshake.decode(msg);
            Handshake.explain(msg, rsa ? KeyExchange.RSA : KeyExchange.ECDHE);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }
}
