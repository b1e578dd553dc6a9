package tlslab.exercises.hidden;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.crypto.CipherSuite;
import tlslab.engine.Connection;
import tlslab.engine.TlsConfig;
import tlslab.exercise.TranscriptChecker;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Fixtures;
import tlslab.exercises.check.Fixtures.Messages;
import tlslab.exercises.check.Impl;

@DisplayName("Exercise 10 · Tampered transcripts (hidden)")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex10TamperingHiddenTest {
    final TranscriptChecker checker = Impl.of(TranscriptChecker.class);

    int run(byte[] master, Messages m) {
        return checker.firstBadFinished(master.clone(), m.names().clone(), m.fromClient().clone(), m.copy().bytes());
    }

    @Test
    @Tag("points=2")
    @DisplayName("a resumed handshake (server Finished first)")
    void resumed() throws Exception {
        TlsConfig server = Fixtures.server();
        Connection first = Fixtures.handshake(Fixtures.client(), server)[0];
        Connection c = Fixtures.handshake(Fixtures.client().resume(first.session()), server)[0];
        Expect.isTrue(c.resumed(), "test set-up: the second connection should be resumed", null);
        Messages m = Messages.of(c.transcript().entries());
        byte[] master = c.secrets().masterSecret();
        Expect.equal("firstBadFinished of an untouched resumed handshake", -1, run(master, m),
                "in a resumed handshake the server's Finished comes first: take the label from who sent it");
        int clientFinished = m.indexOf("Finished", m.indexOf("Finished", 0) + 1);
        Messages bad = m.copy();
        bad.bytes()[clientFinished][4] ^= 0x40;
        Expect.equal("firstBadFinished after changing the client's Finished in a resumed handshake", clientFinished, run(master, bad),
                "the client's Finished covers ClientHello, ServerHello and the server's Finished");
    }

    @Test
    @Tag("points=2")
    @DisplayName("ECDHE: a dropped message, a changed key exchange, a wrong master secret")
    void ecdhe() throws Exception {
        Connection c = Fixtures.handshake(Fixtures.client().cipherSuites(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
                Fixtures.server())[0];
        Messages m = Messages.of(c.transcript().entries());
        byte[] master = c.secrets().masterSecret();
        Expect.equal("firstBadFinished of an untouched ECDHE handshake", -1, run(master, m), null);
        int firstFinished = m.indexOf("Finished", 0);
        Messages dropped = m.without(m.indexOf("ServerHelloDone", 0)).copy();
        Expect.equal("firstBadFinished without ServerHelloDone", dropped.indexOf("Finished", 0), run(master, dropped),
                "a missing message changes the hash just like a changed one");
        Messages ske = m.copy();
        int at = ske.indexOf("ServerKeyExchange", 0);
        ske.bytes()[at][ske.bytes()[at].length - 1] ^= 1;
        Expect.equal("firstBadFinished after changing ServerKeyExchange", firstFinished, run(master, ske), null);
        byte[] wrong = master.clone();
        wrong[0] ^= 1;
        Expect.equal("firstBadFinished with another master secret", firstFinished, run(wrong, m), null);
    }
}
