/**
 * Keys and certificates for the lab: RSA with the JDK's JCA ({@link tlslab.keys.RsaKeys}), RSA by
 * hand for teaching ({@link tlslab.keys.TextbookRsa}), a tiny certificate authority
 * ({@link tlslab.keys.LabPki}), PEM files ({@link tlslab.keys.Pem}) and the checks a TLS client
 * makes on a certificate chain ({@link tlslab.keys.CertificateVerifier}).
 */
package tlslab.keys;
