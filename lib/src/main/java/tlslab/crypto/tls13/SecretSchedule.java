package tlslab.crypto.tls13;

import tlslab.crypto.Hash;

/**
 * The secrets of the TLS 1.3 key schedule (RFC 8446 §7.1), one method per box of the RFC's diagram,
 * so a notebook can show every value. Three stages, each an HKDF-Extract whose salt is derived from
 * the stage before:
 * <pre>
 *   0 (or PSK) → Early Secret     → binder_key, client_early_traffic_secret, early_exporter_master_secret
 *   (EC)DHE    → Handshake Secret → client/server_handshake_traffic_secret
 *   0          → Master Secret    → client/server_application_traffic_secret_0,
 *                                   exporter_master_secret, resumption_master_secret
 * </pre>
 * The transcript hashes are passed in ({@link TranscriptHash}); the javadoc of each method names
 * the messages it covers. A secret that is not there (no PSK, or no (EC)DHE in psk_ke mode) is
 * {@link Hash#zeros()}.
 *
 * <p>The methods a connection uses have a twin taking an {@link Hkdf.ExpandLabel} first: a connection
 * walks its key schedule on the HKDF-Expand-Label of its {@code TlsConfig} (the library's
 * {@link Hkdf#LIBRARY}, or a student's plugged in with {@code TlsConfig.hkdfExpandLabel}).
 */
public final class SecretSchedule {
    private SecretSchedule() {
    }

    /** Early Secret = HKDF-Extract(salt 0, IKM 0): a full handshake, no PSK. */
    public static byte[] earlySecret(Hash hash) {
        return earlySecret(hash, hash.zeros());
    }

    /** Early Secret = HKDF-Extract(salt 0, PSK): a resumption or external PSK. */
    public static byte[] earlySecret(Hash hash, byte[] psk) {
        return Hkdf.extract(hash, hash.zeros(), psk);
    }

    /**
     * binder_key = Derive-Secret(Early Secret, "res binder", "") for a PSK from a ticket. The label
     * differs from an external PSK's so one kind of PSK can never be passed off as the other.
     */
    public static byte[] resumptionBinderKey(Hash hash, byte[] earlySecret) {
        return resumptionBinderKey(Hkdf.LIBRARY, hash, earlySecret);
    }

    /** The same on the HKDF-Expand-Label {@code f} ({@link Hkdf#LIBRARY}, or one plugged into a connection). */
    public static byte[] resumptionBinderKey(Hkdf.ExpandLabel f, Hash hash, byte[] earlySecret) {
        return Hkdf.deriveSecret(f, hash, earlySecret, "res binder", TranscriptHash.of(hash));
    }

    /** binder_key = Derive-Secret(Early Secret, "ext binder", "") for an externally provisioned PSK. */
    public static byte[] externalBinderKey(Hash hash, byte[] earlySecret) {
        return Hkdf.deriveSecret(hash, earlySecret, "ext binder", TranscriptHash.of(hash));
    }

    /** client_early_traffic_secret = Derive-Secret(Early Secret, "c e traffic", ClientHello): 0-RTT data. */
    public static byte[] clientEarlyTrafficSecret(Hash hash, byte[] earlySecret, byte[] clientHelloHash) {
        return Hkdf.deriveSecret(hash, earlySecret, "c e traffic", clientHelloHash);
    }

    /** early_exporter_master_secret = Derive-Secret(Early Secret, "e exp master", ClientHello). */
    public static byte[] earlyExporterMasterSecret(Hash hash, byte[] earlySecret, byte[] clientHelloHash) {
        return Hkdf.deriveSecret(hash, earlySecret, "e exp master", clientHelloHash);
    }

    /**
     * Derive-Secret(secret, "derived", ""): the salt of the next stage's HKDF-Extract. Extract is
     * never applied twice in a row without an Expand between (§E.1.1).
     */
    public static byte[] derivedSecret(Hash hash, byte[] secret) {
        return derivedSecret(Hkdf.LIBRARY, hash, secret);
    }

    /** The same on the HKDF-Expand-Label {@code f} ({@link Hkdf#LIBRARY}, or one plugged into a connection). */
    public static byte[] derivedSecret(Hkdf.ExpandLabel f, Hash hash, byte[] secret) {
        return Hkdf.deriveSecret(f, hash, secret, "derived", TranscriptHash.of(hash));
    }

    /** Handshake Secret = HKDF-Extract(Derive-Secret(Early Secret, "derived", ""), (EC)DHE shared secret). */
    public static byte[] handshakeSecret(Hash hash, byte[] earlySecret, byte[] sharedSecret) {
        return handshakeSecret(Hkdf.LIBRARY, hash, earlySecret, sharedSecret);
    }

    /** The same on the HKDF-Expand-Label {@code f} ({@link Hkdf#LIBRARY}, or one plugged into a connection). */
    public static byte[] handshakeSecret(Hkdf.ExpandLabel f, Hash hash, byte[] earlySecret, byte[] sharedSecret) {
        return Hkdf.extract(hash, derivedSecret(f, hash, earlySecret), sharedSecret);
    }

    /** client_handshake_traffic_secret = Derive-Secret(Handshake Secret, "c hs traffic", ClientHello…ServerHello). */
    public static byte[] clientHandshakeTrafficSecret(Hash hash, byte[] handshakeSecret, byte[] helloHash) {
        return clientHandshakeTrafficSecret(Hkdf.LIBRARY, hash, handshakeSecret, helloHash);
    }

    /** The same on the HKDF-Expand-Label {@code f} ({@link Hkdf#LIBRARY}, or one plugged into a connection). */
    public static byte[] clientHandshakeTrafficSecret(Hkdf.ExpandLabel f, Hash hash, byte[] handshakeSecret, byte[] helloHash) {
        return Hkdf.deriveSecret(f, hash, handshakeSecret, "c hs traffic", helloHash);
    }

    /** server_handshake_traffic_secret = Derive-Secret(Handshake Secret, "s hs traffic", ClientHello…ServerHello). */
    public static byte[] serverHandshakeTrafficSecret(Hash hash, byte[] handshakeSecret, byte[] helloHash) {
        return serverHandshakeTrafficSecret(Hkdf.LIBRARY, hash, handshakeSecret, helloHash);
    }

    /** The same on the HKDF-Expand-Label {@code f} ({@link Hkdf#LIBRARY}, or one plugged into a connection). */
    public static byte[] serverHandshakeTrafficSecret(Hkdf.ExpandLabel f, Hash hash, byte[] handshakeSecret, byte[] helloHash) {
        return Hkdf.deriveSecret(f, hash, handshakeSecret, "s hs traffic", helloHash);
    }

    /** Master Secret = HKDF-Extract(Derive-Secret(Handshake Secret, "derived", ""), 0). */
    public static byte[] masterSecret(Hash hash, byte[] handshakeSecret) {
        return masterSecret(Hkdf.LIBRARY, hash, handshakeSecret);
    }

    /** The same on the HKDF-Expand-Label {@code f} ({@link Hkdf#LIBRARY}, or one plugged into a connection). */
    public static byte[] masterSecret(Hkdf.ExpandLabel f, Hash hash, byte[] handshakeSecret) {
        return Hkdf.extract(hash, derivedSecret(f, hash, handshakeSecret), hash.zeros());
    }

    /** client_application_traffic_secret_0 = Derive-Secret(Master Secret, "c ap traffic", ClientHello…server Finished). */
    public static byte[] clientApplicationTrafficSecret0(Hash hash, byte[] masterSecret, byte[] serverFinishedHash) {
        return clientApplicationTrafficSecret0(Hkdf.LIBRARY, hash, masterSecret, serverFinishedHash);
    }

    /** The same on the HKDF-Expand-Label {@code f} ({@link Hkdf#LIBRARY}, or one plugged into a connection). */
    public static byte[] clientApplicationTrafficSecret0(Hkdf.ExpandLabel f, Hash hash, byte[] masterSecret, byte[] serverFinishedHash) {
        return Hkdf.deriveSecret(f, hash, masterSecret, "c ap traffic", serverFinishedHash);
    }

    /** server_application_traffic_secret_0 = Derive-Secret(Master Secret, "s ap traffic", ClientHello…server Finished). */
    public static byte[] serverApplicationTrafficSecret0(Hash hash, byte[] masterSecret, byte[] serverFinishedHash) {
        return serverApplicationTrafficSecret0(Hkdf.LIBRARY, hash, masterSecret, serverFinishedHash);
    }

    /** The same on the HKDF-Expand-Label {@code f} ({@link Hkdf#LIBRARY}, or one plugged into a connection). */
    public static byte[] serverApplicationTrafficSecret0(Hkdf.ExpandLabel f, Hash hash, byte[] masterSecret, byte[] serverFinishedHash) {
        return Hkdf.deriveSecret(f, hash, masterSecret, "s ap traffic", serverFinishedHash);
    }

    /** exporter_master_secret = Derive-Secret(Master Secret, "exp master", ClientHello…server Finished). */
    public static byte[] exporterMasterSecret(Hash hash, byte[] masterSecret, byte[] serverFinishedHash) {
        return exporterMasterSecret(Hkdf.LIBRARY, hash, masterSecret, serverFinishedHash);
    }

    /** The same on the HKDF-Expand-Label {@code f} ({@link Hkdf#LIBRARY}, or one plugged into a connection). */
    public static byte[] exporterMasterSecret(Hkdf.ExpandLabel f, Hash hash, byte[] masterSecret, byte[] serverFinishedHash) {
        return Hkdf.deriveSecret(f, hash, masterSecret, "exp master", serverFinishedHash);
    }

    /** resumption_master_secret = Derive-Secret(Master Secret, "res master", ClientHello…client Finished). */
    public static byte[] resumptionMasterSecret(Hash hash, byte[] masterSecret, byte[] clientFinishedHash) {
        return resumptionMasterSecret(Hkdf.LIBRARY, hash, masterSecret, clientFinishedHash);
    }

    /** The same on the HKDF-Expand-Label {@code f} ({@link Hkdf#LIBRARY}, or one plugged into a connection). */
    public static byte[] resumptionMasterSecret(Hkdf.ExpandLabel f, Hash hash, byte[] masterSecret, byte[] clientFinishedHash) {
        return Hkdf.deriveSecret(f, hash, masterSecret, "res master", clientFinishedHash);
    }

    /**
     * The PSK of one NewSessionTicket (§4.6.1): HKDF-Expand-Label(resumption_master_secret,
     * "resumption", ticket_nonce, Hash.length). The nonce makes each ticket of a connection a different PSK.
     */
    public static byte[] ticketPsk(Hash hash, byte[] resumptionMasterSecret, byte[] ticketNonce) {
        return ticketPsk(Hkdf.LIBRARY, hash, resumptionMasterSecret, ticketNonce);
    }

    /** The same on the HKDF-Expand-Label {@code f} ({@link Hkdf#LIBRARY}, or one plugged into a connection). */
    public static byte[] ticketPsk(Hkdf.ExpandLabel f, Hash hash, byte[] resumptionMasterSecret, byte[] ticketNonce) {
        return f.expandLabel(hash.hmacName, resumptionMasterSecret, "resumption", ticketNonce, hash.length());
    }

    /**
     * application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N, "traffic upd",
     * "", Hash.length) (§7.2): the next secret after a KeyUpdate, for one direction.
     */
    public static byte[] nextApplicationTrafficSecret(Hash hash, byte[] applicationTrafficSecret) {
        return nextApplicationTrafficSecret(Hkdf.LIBRARY, hash, applicationTrafficSecret);
    }

    /** The same on the HKDF-Expand-Label {@code f} ({@link Hkdf#LIBRARY}, or one plugged into a connection). */
    public static byte[] nextApplicationTrafficSecret(Hkdf.ExpandLabel f, Hash hash, byte[] applicationTrafficSecret) {
        return f.expandLabel(hash.hmacName, applicationTrafficSecret, "traffic upd", new byte[0], hash.length());
    }
}
