package tlslab.crypto.tls13;

import tlslab.crypto.Hash;

import static tlslab.crypto.tls13.TraceChecks.assertHex;
import static tlslab.crypto.tls13.TraceChecks.checkApplicationSecrets;
import static tlslab.crypto.tls13.TraceChecks.checkDerive;
import static tlslab.crypto.tls13.TraceChecks.checkFinished;
import static tlslab.crypto.tls13.TraceChecks.checkHandshakeTrafficSecrets;
import static tlslab.crypto.tls13.TraceChecks.checkKeys;
import static tlslab.crypto.tls13.TraceChecks.x25519SharedSecret;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import tlslab.crypto.tls13.Rfc8448Trace.Step;

/**
 * RFC 8448 §3, "Simple 1-RTT Handshake" (x25519, TLS_AES_128_GCM_SHA256): from the x25519 keys and the
 * handshake messages the trace prints, every secret, key, IV and verify_data comes out as printed.
 * Each step's inputs (PRK, transcript hash, HkdfLabel) are checked too, so a failure says which link broke.
 */
class Rfc8448SimpleHandshakeTest {
    static final String S = "3";
    static final Tls13CipherSuite SUITE = Tls13CipherSuite.TLS_AES_128_GCM_SHA256;
    static final Hash H = SUITE.hash;

    final Rfc8448Trace trace = Rfc8448Trace.get();

    final byte[] clientHello = message("client", "ClientHello");
    final byte[] serverHello = message("server", "ServerHello");
    final byte[] encryptedExtensions = message("server", "EncryptedExtensions");
    final byte[] certificate = message("server", "Certificate");
    final byte[] certificateVerify = message("server", "CertificateVerify");
    final byte[] serverFinished = message("server", "Finished");
    final byte[] clientFinished = message("client", "Finished");

    final byte[] sharedSecret = trace.step(S, "server", "extract secret \"handshake\"").value("IKM");
    final byte[] earlySecret = SecretSchedule.earlySecret(H);
    final byte[] handshakeSecret = SecretSchedule.handshakeSecret(H, earlySecret, sharedSecret);
    final byte[] helloHash = TranscriptHash.of(H, clientHello, serverHello);
    final byte[] chts = SecretSchedule.clientHandshakeTrafficSecret(H, handshakeSecret, helloHash);
    final byte[] shts = SecretSchedule.serverHandshakeTrafficSecret(H, handshakeSecret, helloHash);
    final byte[] masterSecret = SecretSchedule.masterSecret(H, handshakeSecret);
    final byte[] serverFinishedHash = TranscriptHash.of(H, clientHello, serverHello, encryptedExtensions,
            certificate, certificateVerify, serverFinished);

    @Test
    void x25519SharedSecretIsTheHandshakeSecretsIkm() throws Exception {
        Step client = trace.step(S, "client", "create an ephemeral x25519 key pair");
        Step server = trace.step(S, "server", "create an ephemeral x25519 key pair");
        assertHex(sharedSecret, x25519SharedSecret(client, server), "x25519(client private, server public)");
        assertHex(sharedSecret, x25519SharedSecret(server, client), "x25519(server private, client public)");
    }

    @Test
    void earlySecretWithoutPsk() {
        Step step = trace.step(S, "server", "extract secret \"early\"");
        assertHex(step.value("IKM"), H.zeros(), step + " IKM");
        assertHex(step.value("secret"), earlySecret, step + " secret");
    }

    @Test
    void handshakeSecret() {
        checkDerive(H, trace.step(S, "server", "derive secret for handshake \"tls13 derived\""), earlySecret,
                TranscriptHash.of(H), "derived", SecretSchedule.derivedSecret(H, earlySecret));
        Step extract = trace.step(S, "server", "extract secret \"handshake\"");
        assertHex(extract.value("salt"), SecretSchedule.derivedSecret(H, earlySecret), extract + " salt");
        assertHex(extract.value("secret"), handshakeSecret, extract + " secret");
    }

    @Test
    void handshakeTrafficSecretsAndKeys() {
        checkHandshakeTrafficSecrets(trace, S, SUITE, handshakeSecret, helloHash);
        checkKeys(SUITE, trace.step(S, "server", "derive read traffic keys for handshake data"), chts);
    }

    @Test
    void masterSecret() {
        checkDerive(H, trace.step(S, "server", "derive secret for master \"tls13 derived\""), handshakeSecret,
                TranscriptHash.of(H), "derived", SecretSchedule.derivedSecret(H, handshakeSecret));
        Step extract = trace.step(S, "server", "extract secret \"master\"");
        assertHex(extract.value("IKM"), H.zeros(), extract + " IKM");
        assertHex(extract.value("secret"), masterSecret, extract + " secret");
    }

    @Test
    void serverFinished() {
        byte[] hash = TranscriptHash.of(H, clientHello, serverHello, encryptedExtensions, certificate, certificateVerify);
        byte[] verifyData = checkFinished(H, trace.step(S, "server", "calculate finished \"tls13 finished\""), shts, hash);
        assertHex(Arrays.copyOfRange(serverFinished, 4, serverFinished.length), verifyData, "server Finished body");
    }

    @Test
    void applicationTrafficSecretsAndKeys() {
        checkApplicationSecrets(trace, S, SUITE, masterSecret, serverFinishedHash);
    }

    @Test
    void clientFinished() {
        byte[] verifyData = checkFinished(H, trace.step(S, "client", "calculate finished \"tls13 finished\""), chts,
                serverFinishedHash);
        assertHex(Arrays.copyOfRange(clientFinished, 4, clientFinished.length), verifyData, "client Finished body");
    }

    @Test
    void resumptionMasterSecretAndTicketPsk() {
        byte[] hash = TranscriptHash.of(H, clientHello, serverHello, encryptedExtensions, certificate,
                certificateVerify, serverFinished, clientFinished);
        byte[] rms = SecretSchedule.resumptionMasterSecret(H, masterSecret, hash);
        checkDerive(H, trace.step(S, "client", "derive secret \"tls13 res master\""), masterSecret, hash, "res master", rms);

        // NewSessionTicket: type(1) length(3) ticket_lifetime(4) ticket_age_add(4) ticket_nonce<0..255> ...
        byte[] ticket = message("server", "NewSessionTicket");
        byte[] nonce = Arrays.copyOfRange(ticket, 13, 13 + (ticket[12] & 0xff));
        Step step = trace.step(S, "server", "generate resumption secret \"tls13 resumption\"");
        assertHex(step.value("PRK"), rms, step + " PRK");
        assertHex(step.value("hash"), nonce, step + " context (the ticket_nonce)");
        assertHex(step.value("info"), Hkdf.hkdfLabel(H.length(), "resumption", nonce), step + " info");
        assertHex(step.value("expanded"), SecretSchedule.ticketPsk(H, rms, nonce), step + " expanded (the PSK)");
    }

    private byte[] message(String actor, String name) {
        return trace.step(S, actor, "construct a " + name + " handshake message").value(name);
    }
}
