package tlslab.handshake;

import tlslab.crypto.KeyExchange;
import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * ClientKeyExchange (RFC 5246 §7.4.7): this is where the key exchange happens. With RSA it carries
 * the pre-master secret encrypted under the server's public key (2-byte length); with ECDHE, the
 * client's public share (1-byte length), from which both sides compute the pre-master secret.
 */
public record ClientKeyExchange(KeyExchange keyExchange, byte[] exchangeKeys) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    @Override
    public void writeBody(Writer w) {
        if (keyExchange == KeyExchange.RSA) w.opaque16(exchangeKeys);
        else w.opaque8(exchangeKeys);
    }

    static ClientKeyExchange read(Reader r, KeyExchange kx) throws DecodeException {
        if (kx == KeyExchange.RSA) {
            // even an empty one: a bad ciphertext must fail only at Finished (RFC 5246 §7.4.7.1)
            byte[] enc = r.opaque16("encrypted_pre_master_secret", 0, 0xffff);
            r.note("pre-master secret, RSA-encrypted (PKCS#1 v1.5) with the server's public key");
            return new ClientKeyExchange(kx, enc);
        }
        if (kx == KeyExchange.ECDHE) {
            byte[] point = r.opaque8("ecdh_Yc", 1, 255);
            r.note("the client's ephemeral public key");
            return new ClientKeyExchange(kx, point);
        }
        throw r.error(tlslab.alert.AlertDescription.UNEXPECTED_MESSAGE, "exchange_keys",
                "cannot decode without knowing the negotiated key exchange");
    }

    @Override
    public String toString() {
        return "ClientKeyExchange{" + keyExchange + ", " + Hex.abbreviate(exchangeKeys, 8) + "}";
    }
}
