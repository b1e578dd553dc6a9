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
 * RFC 8448 §4, "Resumed 0-RTT Handshake": the client resumes §3's session with the ticket's PSK, sends
 * 0-RTT data and does a fresh x25519 exchange (psk_dhe_ke). Checked: the early secret from the PSK,
 * binder_key and the binder over the truncated ClientHello, the early traffic secret and keys, and then
 * the rest of the schedule as in §3 (Finished and the resumption secret now cover EndOfEarlyData).
 */
class Rfc8448ResumedZeroRttTest {
    static final String S = "4";
    static final Tls13CipherSuite SUITE = Tls13CipherSuite.TLS_AES_128_GCM_SHA256;
    static final Hash H = SUITE.hash;

    final Rfc8448Trace trace = Rfc8448Trace.get();

    /**
     * The whole ClientHello is the payload of the client's first record (512 octets). The trace's
     * "ClientHello (477 octets)" is printed before the binders are appended: it is Truncate(ClientHello).
     */
    final byte[] clientHello = firstClientRecord();
    final byte[] serverHello = message("server", "ServerHello");
    final byte[] encryptedExtensions = message("server", "EncryptedExtensions");
    final byte[] serverFinished = message("server", "Finished");
    final byte[] endOfEarlyData = message("client", "EndOfEarlyData");
    final byte[] clientFinished = message("client", "Finished");

    final byte[] psk = trace.step(S, "client", "extract secret \"early\"").value("IKM");
    final byte[] earlySecret = SecretSchedule.earlySecret(H, psk);
    final byte[] clientHelloHash = TranscriptHash.of(H, clientHello);
    final byte[] sharedSecret = trace.step(S, "server", "extract secret \"handshake\"").value("IKM");
    final byte[] handshakeSecret = SecretSchedule.handshakeSecret(H, earlySecret, sharedSecret);
    final byte[] helloHash = TranscriptHash.of(H, clientHello, serverHello);
    final byte[] chts = SecretSchedule.clientHandshakeTrafficSecret(H, handshakeSecret, helloHash);
    final byte[] shts = SecretSchedule.serverHandshakeTrafficSecret(H, handshakeSecret, helloHash);
    final byte[] masterSecret = SecretSchedule.masterSecret(H, handshakeSecret);
    final byte[] serverFinishedHash = TranscriptHash.of(H, clientHello, serverHello, encryptedExtensions, serverFinished);

    @Test
    void pskIsTheTicketPskOfSection3() {
        byte[] ticketPsk = trace.step("3", "server", "generate resumption secret \"tls13 resumption\"").value("expanded");
        assertHex(ticketPsk, psk, "§4's PSK is the PSK of §3's NewSessionTicket");
    }

    @Test
    void earlySecretFromPsk() {
        Step step = trace.step(S, "client", "extract secret \"early\"");
        assertHex(step.value("secret"), earlySecret, step + " secret");
    }

    @Test
    void binderOverTruncatedClientHello() {
        Step step = trace.step(S, "client", "calculate PSK binder");
        byte[] truncated = VerifyData.truncateClientHello(clientHello, VerifyData.bindersLength(H, 1));
        assertHex(step.value("ClientHello prefix"), truncated, step + " Truncate(ClientHello)");
        assertHex(message("client", "ClientHello"), truncated, "the trace's ClientHello is the truncated one");
        byte[] truncatedHash = TranscriptHash.of(H, truncated);
        assertHex(step.value("binder hash"), truncatedHash, step + " binder hash");
        byte[] binderKey = SecretSchedule.resumptionBinderKey(H, earlySecret);
        byte[] binder = checkFinished(H, step, binderKey, truncatedHash);
        assertHex(Arrays.copyOfRange(clientHello, clientHello.length - H.length(), clientHello.length), binder,
                "the binder the client sent, the last bytes of its ClientHello");
    }

    @Test
    void earlyTrafficSecretsAndKeys() {
        byte[] cets = SecretSchedule.clientEarlyTrafficSecret(H, earlySecret, clientHelloHash);
        checkDerive(H, trace.step(S, "client", "derive secret \"tls13 c e traffic\""), earlySecret, clientHelloHash,
                "c e traffic", cets);
        checkDerive(H, trace.step(S, "client", "derive secret \"tls13 e exp master\""), earlySecret, clientHelloHash,
                "e exp master", SecretSchedule.earlyExporterMasterSecret(H, earlySecret, clientHelloHash));
        checkKeys(SUITE, trace.step(S, "client", "derive write traffic keys for early application data"), cets);
    }

    @Test
    void handshakeSecretsAndKeys() throws Exception {
        assertHex(sharedSecret, x25519SharedSecret(trace.step(S, "client", "create an ephemeral x25519 key pair"),
                trace.step(S, "server", "create an ephemeral x25519 key pair")), "x25519 shared secret");
        checkDerive(H, trace.step(S, "server", "derive secret for handshake \"tls13 derived\""), earlySecret,
                TranscriptHash.of(H), "derived", SecretSchedule.derivedSecret(H, earlySecret));
        assertHex(trace.step(S, "server", "extract secret \"handshake\"").value("secret"), handshakeSecret, "handshake secret");
        checkHandshakeTrafficSecrets(trace, S, SUITE, handshakeSecret, helloHash);
        checkKeys(SUITE, trace.step(S, "client", "derive write traffic keys for handshake data"), chts);
        assertHex(trace.step(S, "server", "extract secret \"master\"").value("secret"), masterSecret, "master secret");
    }

    @Test
    void finishedApplicationAndResumptionSecrets() {
        byte[] serverVerifyData = checkFinished(H, trace.step(S, "server", "calculate finished \"tls13 finished\""), shts,
                TranscriptHash.of(H, clientHello, serverHello, encryptedExtensions));
        assertHex(Arrays.copyOfRange(serverFinished, 4, serverFinished.length), serverVerifyData, "server Finished body");

        checkApplicationSecrets(trace, S, SUITE, masterSecret, serverFinishedHash);

        // The client's Finished covers its EndOfEarlyData, sent under the early traffic keys.
        byte[] clientFinishedInput = TranscriptHash.of(H, clientHello, serverHello, encryptedExtensions, serverFinished,
                endOfEarlyData);
        byte[] clientVerifyData = checkFinished(H, trace.step(S, "client", "calculate finished \"tls13 finished\""), chts,
                clientFinishedInput);
        assertHex(Arrays.copyOfRange(clientFinished, 4, clientFinished.length), clientVerifyData, "client Finished body");

        byte[] resumptionHash = TranscriptHash.of(H, clientHello, serverHello, encryptedExtensions, serverFinished,
                endOfEarlyData, clientFinished);
        checkDerive(H, trace.step(S, "client", "derive secret \"tls13 res master\""), masterSecret, resumptionHash,
                "res master", SecretSchedule.resumptionMasterSecret(H, masterSecret, resumptionHash));
    }

    private byte[] firstClientRecord() {
        byte[] payload = trace.steps(S, "client", "send handshake record").get(0).value("payload");
        if (payload[0] != 1) throw new AssertionError("§4's first client record should carry a ClientHello (type 1)");
        return payload;
    }

    private byte[] message(String actor, String name) {
        return trace.step(S, actor, "construct a " + name + " handshake message").value(name);
    }
}
