package tlslab.engine;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PSSParameterSpec;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.handshake.SignatureScheme;

/** RSA signatures (PKCS#1 v1.5 or PSS) for ServerKeyExchange and CertificateVerify, through the JCA. */
final class Signatures {
    private Signatures() {
    }

    /**
     * {@code random} is the connection's (TlsConfig.random): RSA-PSS draws its salt from it, so a seeded
     * run signs, and so repeats, byte for byte; PKCS#1 v1.5 signatures use none.
     */
    static byte[] sign(int scheme, PrivateKey key, byte[] data, SecureRandom random) throws TlsException {
        try {
            Signature s = instance(scheme);
            s.initSign(key, random);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, "cannot sign with " + SignatureScheme.nameOf(scheme) + ": " + e.getMessage());
        }
    }

    /** False for a wrong signature, a scheme this library does not know, or a key that cannot check it. */
    static boolean verify(int scheme, PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = instance(scheme);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static Signature instance(int scheme) throws GeneralSecurityException {
        String name = SignatureScheme.jcaName(scheme);
        if (name == null) throw new GeneralSecurityException("unknown signature scheme " + SignatureScheme.nameOf(scheme));
        Signature s = Signature.getInstance(name);
        PSSParameterSpec pss = SignatureScheme.pssParameters(scheme);
        if (pss != null) s.setParameter(pss);
        return s;
    }
}
