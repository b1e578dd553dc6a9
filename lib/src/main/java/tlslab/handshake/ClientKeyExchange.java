package tlslab.handshake;

import java.util.Arrays;

import tlslab.crypto.KeyExchange;
import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * ClientKeyExchange (RFC 5246 §7.4.7): this is where the key exchange happens. What its body holds
 * depends on the negotiated key exchange, which the message does not say: with RSA, the pre-master
 * secret encrypted under the server's public key (2-byte length); with ECDHE, the client's public
 * share (1-byte length), from which both sides compute the pre-master secret. So the message keeps
 * its body as it came, and the side that knows the key exchange reads it with
 * {@link #encryptedPreMasterSecret()} or {@link #ecdhYc()}.
 */
public record ClientKeyExchange(byte[] exchangeKeys) implements HandshakeMessage {

    /** RSA key transport: {@code opaque encrypted_pre_master_secret<0..2^16-1>}. */
    public static ClientKeyExchange rsa(byte[] encryptedPreMasterSecret) {
        return new ClientKeyExchange(new Writer().opaque16(encryptedPreMasterSecret).toByteArray());
    }

    /** ECDHE: {@code opaque point<1..2^8-1>} (ClientECDiffieHellmanPublic, RFC 8422 §5.7). */
    public static ClientKeyExchange ecdhe(byte[] ecdhYc) {
        return new ClientKeyExchange(new Writer().opaque8(ecdhYc).toByteArray());
    }

    /** The body read as RSA key transport; may be empty (a bad ciphertext fails only at Finished, RFC 5246 §7.4.7.1). */
    public byte[] encryptedPreMasterSecret() throws DecodeException {
        return readAs(KeyExchange.RSA);
    }

    /** The body read as the client's ECDHE public share. */
    public byte[] ecdhYc() throws DecodeException {
        return readAs(KeyExchange.ECDHE);
    }

    private byte[] readAs(KeyExchange kx) throws DecodeException {
        Reader r = Reader.of("ClientKeyExchange", exchangeKeys);
        byte[] value = readBody(r, kx);
        r.expectEnd();
        return value;
    }

    private static byte[] readBody(Reader r, KeyExchange kx) throws DecodeException {
        if (kx == KeyExchange.RSA) {
            byte[] enc = r.opaque16("encrypted_pre_master_secret", 0, 0xffff);
            r.note("pre-master secret, RSA-encrypted (PKCS#1 v1.5) with the server's public key");
            return enc;
        }
        byte[] point = r.opaque8("ecdh_Yc", 1, 255);
        r.note("the client's ephemeral public key");
        return point;
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    @Override
    public void writeBody(Writer w) {
        w.bytes(exchangeKeys);
    }

    /** Decoding keeps the body whole; with {@code kx} known (for an explanation) its fields are read too. */
    static ClientKeyExchange read(Reader r, KeyExchange kx) throws DecodeException {
        if (kx == null) {
            byte[] body = r.rest("exchange_keys");
            r.note("its layout depends on the key exchange the cipher suite names");
            return new ClientKeyExchange(body);
        }
        byte[] value = readBody(r, kx);
        return kx == KeyExchange.RSA ? rsa(value) : ecdhe(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientKeyExchange c && Arrays.equals(exchangeKeys, c.exchangeKeys);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(exchangeKeys);
    }

    @Override
    public String toString() {
        return "ClientKeyExchange{" + Hex.abbreviate(exchangeKeys, 8) + "}";
    }
}
