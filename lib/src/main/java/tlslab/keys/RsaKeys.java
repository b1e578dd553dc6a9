package tlslab.keys;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;

/**
 * RSA as TLS 1.2 uses it, through the JDK's own crypto: encryption with PKCS#1 v1.5 padding (the
 * RSA key exchange), encryption with OAEP (the padding you should use instead), and
 * SHA256withRSA signatures (rsa_pkcs1_sha256).
 */
public final class RsaKeys {
    private static final String PKCS1 = "RSA/ECB/PKCS1Padding";
    private static final String OAEP = "RSA/ECB/OAEPWithSHA-256AndMGF1Padding";
    // Spelled out because the JDK's default for this name hashes MGF1 with SHA-1; other
    // libraries use SHA-256 for both, and both sides must agree or decryption fails.
    private static final OAEPParameterSpec OAEP_SHA256 = new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    private static final int PKCS1_OVERHEAD = 11;   // 00 02, at least 8 random bytes, 00
    private static final int OAEP_OVERHEAD = 66;    // 2 * SHA-256 length + 2

    private RsaKeys() {
    }

    /** A new key pair; with a deterministic SecureRandom the same seed gives the same keys. */
    public static KeyPair generate(int bits, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot make a " + bits + "-bit RSA key: " + e.getMessage(), e);
        }
    }

    public static byte[] encryptPkcs1(PublicKey key, byte[] plaintext, SecureRandom random) {
        checkLength(key, plaintext, PKCS1_OVERHEAD, "PKCS#1 v1.5");
        return run(cipher(PKCS1, Cipher.ENCRYPT_MODE, key, null, random), plaintext);
    }

    /**
     * Careful: a TLS server must not turn this failure into an alert for a bad ClientKeyExchange.
     * RFC 5246 §7.4.7.1 says to carry on with a random pre-master secret instead, because telling
     * the client "bad padding" is exactly the oracle Bleichenbacher's attack needs.
     */
    public static byte[] decryptPkcs1(PrivateKey key, byte[] ciphertext) throws TlsException {
        checkCiphertextLength(key, ciphertext);
        return decrypt(cipher(PKCS1, Cipher.DECRYPT_MODE, key, null, null), ciphertext);
    }

    public static byte[] encryptOaep(PublicKey key, byte[] plaintext, SecureRandom random) {
        checkLength(key, plaintext, OAEP_OVERHEAD, "OAEP with SHA-256");
        return run(cipher(OAEP, Cipher.ENCRYPT_MODE, key, OAEP_SHA256, random), plaintext);
    }

    public static byte[] decryptOaep(PrivateKey key, byte[] ciphertext) throws TlsException {
        checkCiphertextLength(key, ciphertext);
        return decrypt(cipher(OAEP, Cipher.DECRYPT_MODE, key, OAEP_SHA256, null), ciphertext);
    }

    /** SHA256withRSA, PKCS#1 v1.5: the same key and data always give the same signature. */
    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** False for a wrong key, changed data or a damaged signature; a check never throws for those. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;   // e.g. a signature of the wrong length: just not a valid signature
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an RSA public key: " + key.getAlgorithm(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA256withRSA", e);
        }
    }

    private static byte[] decrypt(Cipher cipher, byte[] ciphertext) throws TlsException {
        try {
            return cipher.doFinal(ciphertext);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "RSA decryption failed: the padding did"
                    + " not check out, so this ciphertext was not made for this private key or was altered", e);
        }
    }

    /** An RSA ciphertext is a number below the modulus, written in exactly as many bytes as the modulus. */
    private static void checkCiphertextLength(Key key, byte[] ciphertext) throws TlsException {
        if (!(key instanceof RSAKey rsa)) throw new IllegalArgumentException("not an RSA key: " + key.getAlgorithm());
        int bits = rsa.getModulus().bitLength();
        int k = (bits + 7) / 8;
        if (ciphertext.length != k) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "a " + ciphertext.length + "-byte input is not an RSA"
                    + " ciphertext for a " + bits + "-bit key at all: those are exactly " + k + " bytes");
        }
    }

    /** RSA can only encrypt a message shorter than its modulus, minus the room the padding takes. */
    private static void checkLength(Key key, byte[] plaintext, int overhead, String padding) {
        if (!(key instanceof RSAKey rsa)) throw new IllegalArgumentException("not an RSA key: " + key.getAlgorithm());
        int bits = rsa.getModulus().bitLength();
        int max = (bits + 7) / 8 - overhead;
        if (plaintext.length > max) {
            throw new IllegalArgumentException("plaintext is " + plaintext.length + " bytes, but a " + bits
                    + "-bit RSA key with " + padding + " padding can encrypt at most " + max + " bytes");
        }
    }

    private static Cipher cipher(String transformation, int mode, Key key, OAEPParameterSpec spec, SecureRandom random) {
        try {
            Cipher cipher = Cipher.getInstance(transformation);
            SecureRandom r = random != null ? random : new SecureRandom();
            if (spec == null) cipher.init(mode, key, r);
            else cipher.init(mode, key, spec, r);
            return cipher;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an RSA key: " + key.getAlgorithm(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + transformation, e);
        }
    }

    private static byte[] run(Cipher cipher, byte[] input) {
        try {
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA encryption failed: " + e.getMessage(), e);
        }
    }
}
