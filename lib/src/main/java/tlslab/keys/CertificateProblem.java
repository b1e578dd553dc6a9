package tlslab.keys;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;

/** Why {@link CertificateVerifier} rejected a chain, and the alert a TLS endpoint sends for it. */
public class CertificateProblem extends TlsException {
    public enum Reason {
        // RFC 5246 §7.4.6: an empty certificate list where one is required ends in handshake_failure.
        EMPTY_CHAIN(AlertDescription.HANDSHAKE_FAILURE),
        EXPIRED(AlertDescription.CERTIFICATE_EXPIRED),
        // TLS 1.2 has no alert of its own for "not yet valid"; certificate_expired is the closest.
        NOT_YET_VALID(AlertDescription.CERTIFICATE_EXPIRED),
        BAD_SIGNATURE(AlertDescription.BAD_CERTIFICATE),
        BROKEN_CHAIN(AlertDescription.BAD_CERTIFICATE),
        UNTRUSTED_ISSUER(AlertDescription.UNKNOWN_CA),
        NOT_A_CA(AlertDescription.BAD_CERTIFICATE),
        WRONG_HOST(AlertDescription.CERTIFICATE_UNKNOWN);

        public final AlertDescription alert;

        Reason(AlertDescription alert) {
            this.alert = alert;
        }
    }

    private final Reason reason;

    public CertificateProblem(Reason reason, String message) {
        super(reason.alert, message);
        this.reason = reason;
    }

    public CertificateProblem(Reason reason, String message, Throwable cause) {
        super(reason.alert, message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
