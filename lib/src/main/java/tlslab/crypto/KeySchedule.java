package tlslab.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * From pre-master secret to working keys (RFC 5246 §8.1, §6.3, §7.4.9). Each step is a separate
 * method so a notebook can show every intermediate value.
 *
 * <p>A {@link Prf.Function} passed in is a SHA-256 PRF (the library's, or one plugged in with
 * {@code TlsConfig.prf}, e.g. a student's). It drives the suites whose PRF hash is SHA-256; the
 * *_SHA384 suites always run on the library's own PRF with SHA-384 ({@link #prfFor}).
 */
public final class KeySchedule {
    public static final int MASTER_SECRET_LENGTH = 48;
    public static final int VERIFY_DATA_LENGTH = 12;

    private KeySchedule() {
    }

    /** master_secret = PRF(pre_master_secret, "master secret", ClientHello.random ‖ ServerHello.random)[0..47]. */
    public static byte[] masterSecret(byte[] preMasterSecret, byte[] clientRandom, byte[] serverRandom) {
        return masterSecret(Prf::prf, preMasterSecret, clientRandom, serverRandom);
    }

    public static byte[] masterSecret(Prf.Function prf, byte[] preMasterSecret, byte[] clientRandom, byte[] serverRandom) {
        return prf.prf(preMasterSecret, "master secret", Prf.concat(clientRandom, serverRandom), MASTER_SECRET_LENGTH);
    }

    /** The master secret with the PRF of {@code suite}: {@code sha256Prf}, or SHA-384's for a *_SHA384 suite. */
    public static byte[] masterSecret(Prf.Function sha256Prf, CipherSuite suite, byte[] preMasterSecret, byte[] clientRandom,
                                      byte[] serverRandom) {
        return masterSecret(prfFor(sha256Prf, suite), preMasterSecret, clientRandom, serverRandom);
    }

    /**
     * The extended master secret (RFC 7627 §4): PRF(pre_master_secret, "extended master secret",
     * session_hash)[0..47]. The session hash covers every handshake message up to and including
     * ClientKeyExchange, so the master secret is bound to this handshake's certificate and key
     * exchange, not only to two randoms an attacker can replay in a second connection.
     */
    public static byte[] extendedMasterSecret(byte[] preMasterSecret, byte[] sessionHash) {
        return extendedMasterSecret(Prf::prf, preMasterSecret, sessionHash);
    }

    public static byte[] extendedMasterSecret(Prf.Function prf, byte[] preMasterSecret, byte[] sessionHash) {
        return prf.prf(preMasterSecret, "extended master secret", sessionHash, MASTER_SECRET_LENGTH);
    }

    /** With the PRF of {@code suite}: {@code sha256Prf}, or SHA-384's for a *_SHA384 suite. */
    public static byte[] extendedMasterSecret(Prf.Function sha256Prf, CipherSuite suite, byte[] preMasterSecret,
                                              byte[] sessionHash) {
        return extendedMasterSecret(prfFor(sha256Prf, suite), preMasterSecret, sessionHash);
    }

    /** session_hash = Hash(handshake_messages), with the hash of the suite's PRF (RFC 7627 §3). */
    public static byte[] sessionHash(CipherSuite suite, byte[] handshakeMessages) {
        return suite.prfHash.digest(handshakeMessages);
    }

    /** key_block = PRF(master_secret, "key expansion", server_random ‖ client_random): note the swapped order. */
    public static KeyBlock keyBlock(CipherSuite suite, byte[] masterSecret, byte[] clientRandom, byte[] serverRandom) {
        return keyBlock(Prf::prf, suite, masterSecret, clientRandom, serverRandom);
    }

    /** With {@code prf} for a SHA-256 suite; a *_SHA384 suite uses the library's SHA-384 PRF instead ({@link #prfFor}). */
    public static KeyBlock keyBlock(Prf.Function prf, CipherSuite suite, byte[] masterSecret, byte[] clientRandom,
                                    byte[] serverRandom) {
        byte[] block = prfFor(prf, suite).prf(masterSecret, "key expansion", Prf.concat(serverRandom, clientRandom), suite.keyBlockLength());
        return KeyBlock.split(suite, block);
    }

    /** verify_data = PRF(master_secret, finished_label, SHA-256(handshake_messages))[0..11]. */
    public static byte[] verifyData(byte[] masterSecret, boolean fromClient, byte[] handshakeMessages) {
        return verifyData(Prf::prf, masterSecret, fromClient, handshakeMessages);
    }

    public static byte[] verifyData(Prf.Function prf, byte[] masterSecret, boolean fromClient, byte[] handshakeMessages) {
        String label = fromClient ? "client finished" : "server finished";
        return prf.prf(masterSecret, label, sha256(handshakeMessages), VERIFY_DATA_LENGTH);
    }

    /**
     * verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11], with the
     * suite's PRF and its hash (SHA-384 for a *_SHA384 suite). The length stays 12 (RFC 5246 §7.4.9).
     */
    public static byte[] verifyData(Prf.Function sha256Prf, CipherSuite suite, byte[] masterSecret, boolean fromClient,
                                    byte[] handshakeMessages) {
        String label = fromClient ? "client finished" : "server finished";
        return prfFor(sha256Prf, suite).prf(masterSecret, label, suite.prfHash.digest(handshakeMessages), VERIFY_DATA_LENGTH);
    }

    /**
     * The PRF a suite runs on. A plugged-in PRF ({@code TlsConfig.prf}) is a SHA-256 one, so it only
     * stands in for SHA-256 suites; a *_SHA384 suite gets the library's own PRF with SHA-384.
     */
    public static Prf.Function prfFor(Prf.Function sha256Prf, CipherSuite suite) {
        if (suite.prfHash == Hash.SHA256) return sha256Prf;
        return (secret, label, seed, length) -> Prf.prf(suite.prfHash, secret, label, seed, length);
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable in this JDK", e);
        }
    }

    /** The key block cut into its six parts, in the order RFC 5246 §6.3 lists them. */
    public record KeyBlock(byte[] clientMacKey, byte[] serverMacKey, byte[] clientKey, byte[] serverKey,
                           byte[] clientIv, byte[] serverIv) {

        /** The MAC key {@code writer} writes with (and its peer reads with). */
        public byte[] macKey(Side writer) {
            return writer == Side.CLIENT ? clientMacKey : serverMacKey;
        }

        public byte[] key(Side writer) {
            return writer == Side.CLIENT ? clientKey : serverKey;
        }

        public byte[] iv(Side writer) {
            return writer == Side.CLIENT ? clientIv : serverIv;
        }

        static KeyBlock split(CipherSuite suite, byte[] block) {
            int mac = suite.macLength, key = suite.encKeyLength, iv = suite.fixedIvLength();
            int at = 0;
            byte[] cm = Arrays.copyOfRange(block, at, at += mac);
            byte[] sm = Arrays.copyOfRange(block, at, at += mac);
            byte[] ck = Arrays.copyOfRange(block, at, at += key);
            byte[] sk = Arrays.copyOfRange(block, at, at += key);
            byte[] ci = Arrays.copyOfRange(block, at, at += iv);
            byte[] si = Arrays.copyOfRange(block, at, at + iv);
            return new KeyBlock(cm, sm, ck, sk, ci, si);
        }
    }
}
