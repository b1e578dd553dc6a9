package tlslab.engine;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;

/** RSA PKCS#1 v1.5 signatures for ServerKeyExchange and CertificateVerify, through the JCA. */
final class Signatures {
    private Signatures() {
    }

    static byte[] sign(String algorithm, PrivateKey key, byte[] data) throws TlsException {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, "cannot sign with " + algorithm + ": " + e.getMessage());
        }
    }

    /** False for a wrong signature or a key that cannot check it. */
    static boolean verify(String algorithm, PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
