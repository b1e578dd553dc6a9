package tlslab.crypto.tls13;

import tlslab.crypto.Hash;

import static tlslab.crypto.tls13.TraceChecks.checkHandshakeTrafficSecrets;

import java.util.List;

import org.junit.jupiter.api.Test;

import tlslab.crypto.tls13.Rfc8448Trace.Step;

/**
 * RFC 8448 §5, "HelloRetryRequest": after a HelloRetryRequest the transcript starts with message_hash
 * in place of ClientHello1 (RFC 8446 §4.4.1). The handshake traffic secrets and keys prove the substitution.
 */
class Rfc8448HelloRetryRequestTest {
    static final String S = "5";
    static final Hash H = Hash.SHA256;

    final Rfc8448Trace trace = Rfc8448Trace.get();

    @Test
    void handshakeTranscriptStartsWithMessageHash() {
        List<Step> clientHellos = trace.steps(S, "client", "construct a ClientHello handshake message");
        List<Step> serverHellos = trace.steps(S, "server", "construct a ServerHello handshake message");
        byte[] clientHello1 = clientHellos.get(0).value("ClientHello");
        byte[] helloRetryRequest = serverHellos.get(0).value("ServerHello");
        byte[] clientHello2 = clientHellos.get(1).value("ClientHello");
        byte[] serverHello = serverHellos.get(1).value("ServerHello");

        byte[] helloHash = new TranscriptHash(H).add(TranscriptHash.messageHash(H, clientHello1))
                .add(helloRetryRequest).add(clientHello2).add(serverHello).current();
        byte[] sharedSecret = trace.step(S, "server", "extract secret \"handshake\"").value("IKM");
        byte[] handshakeSecret = SecretSchedule.handshakeSecret(H, SecretSchedule.earlySecret(H), sharedSecret);
        checkHandshakeTrafficSecrets(trace, S, Tls13CipherSuite.TLS_AES_128_GCM_SHA256, handshakeSecret, helloHash);
    }
}
