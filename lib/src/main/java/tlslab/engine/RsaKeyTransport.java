package tlslab.engine;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateKey;

import javax.crypto.Cipher;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.handshake.ClientHello;
import tlslab.handshake.ClientKeyExchange;
import tlslab.handshake.ServerKeyExchange;
import tlslab.wire.ProtocolVersion;

/**
 * RSA key transport: the client picks the pre-master secret and sends it encrypted under the
 * server's RSA public key; there is no ServerKeyExchange. The server takes it out with the
 * countermeasure to Bleichenbacher's attack (RFC 5246 §7.4.7.1). Whatever is wrong with the
 * ciphertext, the server goes on with a random pre-master secret and the handshake fails only at
 * Finished. The padding is checked and the result chosen without a branch or an exception that
 * depends on the decrypted bytes: the ROBOT (2017) and Marvin (2023) attacks measured exactly such
 * differences. What remains is the timing of the RSA operation itself (the JCA's big-integer
 * arithmetic), which this library does not control.
 */
final class RsaKeyTransport extends KeyAgreement {
    static final int PRE_MASTER_LENGTH = 48;

    RsaKeyTransport(TlsConfig config) {
        super(config);
    }

    @Override
    ServerKeyExchange serverKeyExchange(byte[] clientRandom, byte[] serverRandom) {
        return null;
    }

    @Override
    byte[] serverPreMaster(ClientHello hello, ClientKeyExchange cke) throws TlsException {
        if (!(config.privateKey instanceof RSAPrivateKey rsa)) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, "RSA key transport needs an RSA private key");
        }
        byte[] fallback = new byte[PRE_MASTER_LENGTH];
        config.random().nextBytes(fallback);
        return preMasterSecret(rsa, cke.encryptedPreMasterSecret(), hello.clientVersion(), fallback);
    }

    @Override
    boolean expectsServerKeyExchange() {
        return false;
    }

    @Override
    void processServerKeyExchange(byte[] clientRandom, byte[] serverRandom, ServerKeyExchange ske, PublicKey serverKey) {
        throw new IllegalStateException("RSA key transport has no ServerKeyExchange");
    }

    /** client_version (the version offered in ClientHello) ‖ 46 random bytes (RFC 5246 §7.4.7.1), encrypted. */
    @Override
    ClientShare clientKeyExchange(PublicKey serverKey) throws TlsException {
        byte[] preMaster = new byte[PRE_MASTER_LENGTH];
        config.random().nextBytes(preMaster);
        preMaster[0] = (byte) (ProtocolVersion.TLS12 >>> 8);
        preMaster[1] = (byte) ProtocolVersion.TLS12;
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, serverKey, config.random());
            return new ClientShare(ClientKeyExchange.rsa(rsa.doFinal(preMaster)), preMaster);
        } catch (GeneralSecurityException e) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "cannot RSA-encrypt with the server's key ("
                    + serverKey.getAlgorithm() + "): " + e.getMessage());
        }
    }

    /**
     * The pre-master secret: the 48 decrypted bytes if {@code ciphertext} is a well-formed PKCS#1 v1.5
     * encryption of 48 bytes, else {@code fallback} (48 random bytes); either way with the version the
     * client offered in its first two bytes (which defeats version-rollback through this message).
     */
    static byte[] preMasterSecret(RSAPrivateKey key, byte[] ciphertext, int clientVersion, byte[] fallback) {
        int k = (key.getModulus().bitLength() + 7) / 8;
        byte[] em = new byte[k];
        int good = 0;
        if (ciphertext.length == k) {   // the length is public: branching on it reveals nothing
            try {
                Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding");
                rsa.init(Cipher.DECRYPT_MODE, key);
                byte[] out = rsa.doFinal(ciphertext);
                System.arraycopy(out, 0, em, k - out.length, out.length);
                good = paddingIsGood(em);
            } catch (GeneralSecurityException | RuntimeException e) {
                good = 0;   // a ciphertext not below the modulus: a public property too
            }
        }
        // take em's last 48 bytes if good, else the fallback, byte by byte with a mask
        byte[] preMaster = new byte[PRE_MASTER_LENGTH];
        int mask = -good;   // all ones or all zeros
        for (int i = 0; i < PRE_MASTER_LENGTH; i++) {
            preMaster[i] = (byte) ((em[k - PRE_MASTER_LENGTH + i] & mask) | (fallback[i] & ~mask));
        }
        preMaster[0] = (byte) (clientVersion >>> 8);
        preMaster[1] = (byte) clientVersion;
        return preMaster;
    }

    /**
     * 1 if {@code em} is 00 02, at least eight non-zero padding bytes, 00, then exactly 48 bytes
     * (RFC 8017 §7.2.2); else 0. Every byte is looked at, whatever it holds.
     */
    static int paddingIsGood(byte[] em) {
        int k = em.length;
        int separator = k - PRE_MASTER_LENGTH - 1;
        int good = isZero(em[0]) & isZero((em[1] & 0xff) ^ 2) & isZero(em[separator]);
        for (int i = 2; i < separator; i++) good &= 1 - isZero(em[i]);
        return good & (separator >= 10 ? 1 : 0);   // 2 header bytes and at least 8 of padding
    }

    /** 1 if {@code b} (a byte value) is 0, else 0, without a branch. */
    private static int isZero(int b) {
        return ((b & 0xff) - 1) >>> 31;
    }
}
