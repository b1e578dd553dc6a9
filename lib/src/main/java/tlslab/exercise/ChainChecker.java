package tlslab.exercise;

/**
 * Exercise 9: the checks a TLS client makes on the server's certificate chain. The answer is "OK"
 * or the name of the first problem found, checking in this order (as
 * {@link tlslab.keys.CertificateVerifier} does):
 * <ol>
 * <li>EMPTY_CHAIN: no certificate at all;</li>
 * <li>EXPIRED / NOT_YET_VALID: {@code now} is outside a certificate's validity (each certificate, leaf first);</li>
 * <li>BAD_SIGNATURE: a certificate's signature does not verify with the next certificate's public key;</li>
 * <li>BROKEN_CHAIN: a certificate's issuer name is not the next certificate's subject name;</li>
 * <li>UNTRUSTED_ISSUER: the last certificate is neither a trust anchor nor signed by one with its issuer's name;</li>
 * <li>NOT_A_CA: a certificate that signed another is not a CA (basic constraints, and keyCertSign if it has key usage);</li>
 * <li>WRONG_HOST: {@code hostname} (if not null) does not match the leaf's subject alternative names
 * (DNS names case-insensitively, "*." only as the whole left-most label; IP literals against IP
 * address entries; the subject CN only if there are no such names).</li>
 * </ol>
 * Certificates come DER-encoded, leaf first; {@code now} is in seconds since 1970-01-01T00:00:00Z.
 */
public interface ChainChecker {

    String check(byte[][] chain, byte[][] trustAnchors, String hostname, long now);
}
