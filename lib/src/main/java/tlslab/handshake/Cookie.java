package tlslab.handshake;

import tlslab.wire.DecodeException;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * cookie (RFC 8446 §4.2.2): opaque bytes a server puts in a HelloRetryRequest and the client
 * echoes in its second ClientHello, so a stateless server can check the client's address or keep
 * its state (such as the hash of ClientHello1) with the client.
 * <pre>
 *   struct { opaque cookie<1..2^16-1>; } Cookie;
 * </pre>
 */
public final class Cookie {
    private Cookie() {
    }

    public static Extension of(byte[] cookie) {
        return new Extension(Extension.COOKIE, new Writer().opaque16(cookie).toByteArray());
    }

    static byte[] read(Reader r) throws DecodeException {
        byte[] cookie = r.opaque16("cookie", 1, 0xffff);
        r.note("server's state, echoed back by the client");
        return cookie;
    }
}
