package tlslab.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.Hash;
import tlslab.crypto.tls13.Hkdf;
import tlslab.crypto.tls13.SecretSchedule;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.crypto.tls13.VerifyData;
import tlslab.handshake.CertificateVerify;
import tlslab.handshake.Finished;
import tlslab.handshake.SignatureScheme;
import tlslab.record.RecordCipher;
import tlslab.transcript.KeyLog;

/**
 * What both sides of a TLS 1.3 handshake (RFC 8446 §4) do alike: walk the key schedule as the
 * transcript grows, switch record keys, and make and check Finished and CertificateVerify.
 */
final class Tls13Handshake {
    /** RFC 8446 §4.1.3: the last 8 bytes of a 1.3-capable server's random when it settles for TLS 1.2. */
    static final byte[] DOWNGRADE_TLS12 = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01};

    private final HandshakeIO io;
    private final TlsConfig config;
    final Tls13CipherSuite suite;
    final Hash hash;
    private final byte[] clientRandom;
    /** HKDF-Expand-Label: the library's, or the one plugged in with {@link TlsConfig#hkdfExpandLabel}. */
    private final Hkdf.ExpandLabel expandLabel;
    private byte[] early, handshakeSecret, clientHandshake, serverHandshake, master, clientApplication, serverApplication,
            exporter, resumption;

    Tls13Handshake(HandshakeIO io, TlsConfig config, Tls13CipherSuite suite, byte[] clientRandom) {
        this.io = io;
        this.config = config;
        this.suite = suite;
        this.hash = suite.hash;
        this.clientRandom = clientRandom;
        this.expandLabel = config.hkdfExpandLabel;
    }

    /** Hash of every handshake message so far (Transcript-Hash, §4.4.1). */
    byte[] transcriptHash() {
        return hash.digest(io.handshakeMessages());
    }

    /**
     * After ServerHello: the handshake secret from the (EC)DHE shared secret, and both handshake
     * traffic secrets. {@code psk} is a resumed ticket's, or null for a full handshake.
     */
    void handshakeKeys(byte[] sharedSecret, byte[] psk) {
        early = psk == null ? SecretSchedule.earlySecret(hash) : SecretSchedule.earlySecret(hash, psk);
        handshakeSecret = SecretSchedule.handshakeSecret(expandLabel, hash, early, sharedSecret);
        byte[] helloHash = transcriptHash();
        clientHandshake = SecretSchedule.clientHandshakeTrafficSecret(expandLabel, hash, handshakeSecret, helloHash);
        serverHandshake = SecretSchedule.serverHandshakeTrafficSecret(expandLabel, hash, handshakeSecret, helloHash);
        log("CLIENT_HANDSHAKE_TRAFFIC_SECRET", clientHandshake);
        log("SERVER_HANDSHAKE_TRAFFIC_SECRET", serverHandshake);
    }

    /** After the server's Finished: the master secret and both application traffic secrets. */
    void applicationKeys() {
        master = SecretSchedule.masterSecret(expandLabel, hash, handshakeSecret);
        byte[] serverFinishedHash = transcriptHash();
        clientApplication = SecretSchedule.clientApplicationTrafficSecret0(expandLabel, hash, master, serverFinishedHash);
        serverApplication = SecretSchedule.serverApplicationTrafficSecret0(expandLabel, hash, master, serverFinishedHash);
        exporter = SecretSchedule.exporterMasterSecret(expandLabel, hash, master, serverFinishedHash);
        log("CLIENT_TRAFFIC_SECRET_0", clientApplication);
        log("SERVER_TRAFFIC_SECRET_0", serverApplication);
    }

    /** After the client's Finished: the secret tickets' PSKs come from (§4.6.1). */
    byte[] resumptionMasterSecret() {
        resumption = SecretSchedule.resumptionMasterSecret(expandLabel, hash, master, transcriptHash());
        return resumption;
    }

    /** From now on {@code writer}'s records are protected with its handshake or application traffic secret. */
    RecordCipher cipher(boolean clientWrites, boolean application) {
        byte[] secret = application ? (clientWrites ? clientApplication : serverApplication)
                : (clientWrites ? clientHandshake : serverHandshake);
        return RecordCipher.tls13(expandLabel, suite, secret);
    }

    /** Finished from the client or server over the transcript so far (§4.4.4). */
    Finished finished(boolean fromClient) {
        return new Finished(VerifyData.verifyData(expandLabel, hash, fromClient ? clientHandshake : serverHandshake, transcriptHash()));
    }

    /** Reads the peer's Finished and checks it in constant time (decrypt_error, §4.4.4). */
    void checkFinished(boolean fromClient) throws IOException {
        byte[] expected = finished(fromClient).verifyData();
        HandshakeIO.checkFinished(expected, io.expect(Finished.class).verifyData(), fromClient ? "client" : "server");
    }

    /**
     * What CertificateVerify signs (§4.4.3): 64 spaces, a context string naming the signer's role, a
     * zero byte, then the transcript hash. The spaces push the attacker-chosen part of the content away
     * from the start, where older signature formats put their own data.
     */
    static byte[] certificateVerifyContent(boolean fromServer, byte[] transcriptHash) {
        byte[] context = ("TLS 1.3, " + (fromServer ? "server" : "client") + " CertificateVerify").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[64 + context.length + 1 + transcriptHash.length];
        Arrays.fill(out, 0, 64, (byte) 0x20);
        System.arraycopy(context, 0, out, 64, context.length);
        System.arraycopy(transcriptHash, 0, out, 64 + context.length + 1, transcriptHash.length);
        return out;
    }

    /** The signer's CertificateVerify over the transcript so far. */
    CertificateVerify certificateVerify(boolean fromServer, int scheme) throws TlsException {
        byte[] signed = certificateVerifyContent(fromServer, transcriptHash());
        return new CertificateVerify(scheme, Signatures.sign(scheme, config.privateKey, signed, config.random()));
    }

    /** Reads the peer's CertificateVerify and checks it with {@code key}: RSA-PSS only, and it must verify (§4.4.3). */
    void checkCertificateVerify(boolean fromServer, PublicKey key) throws IOException {
        byte[] signed = certificateVerifyContent(fromServer, transcriptHash());
        CertificateVerify cv = io.expect(CertificateVerify.class);
        String who = fromServer ? "server" : "client";
        if (!Tls13ServerHandshake.SIGNS_WITH.contains(cv.signatureScheme())) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "CertificateVerify.algorithm "
                    + SignatureScheme.nameOf(cv.signatureScheme()) + " from the " + who + " is not an RSA-PSS scheme that was offered");
        }
        if (!Signatures.verify(cv.signatureScheme(), key, signed, cv.signature())) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "CertificateVerify.signature does not verify with the " + who
                    + " certificate's key: the " + who + " did not prove it holds that certificate's private key");
        }
    }

    Tls13Secrets secrets(byte[] serverRandom, byte[] sharedSecret) {
        return new Tls13Secrets(suite, clientRandom, serverRandom, sharedSecret, early, handshakeSecret, clientHandshake,
                serverHandshake, master, clientApplication, serverApplication, exporter, resumption);
    }

    private void log(String label, byte[] secret) {
        KeyLog keyLog = config.keyLog;
        if (keyLog != null) keyLog.log(label, clientRandom, secret);
    }

    static TlsException missing(String message, String extension) {
        return new TlsException(AlertDescription.MISSING_EXTENSION, message + " lacks " + extension + ", which TLS 1.3 requires");
    }
}
