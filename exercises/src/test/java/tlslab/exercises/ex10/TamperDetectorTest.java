package tlslab.exercises.ex10;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.crypto.CipherSuite;
import tlslab.engine.Connection;
import tlslab.exercise.TranscriptChecker;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Fixtures;
import tlslab.exercises.check.Fixtures.Messages;
import tlslab.exercises.check.Impl;

@DisplayName("Exercise 10 · Spot a tampered transcript")
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TamperDetectorTest {
    final TranscriptChecker checker = Impl.of(TranscriptChecker.class);

    static Connection client(CipherSuite suite) throws Exception {
        return Fixtures.handshake(Fixtures.client().cipherSuites(suite), Fixtures.server())[0];
    }

    static void check(TranscriptChecker checker, String what, byte[] master, Messages m, int expected, String hint) {
        int actual = checker.firstBadFinished(master.clone(), m.names().clone(), m.fromClient().clone(), m.copy().bytes());
        Expect.equal(what + " (messages: " + String.join(", ", m.names()) + ")", expected, actual, hint);
    }

    @Test
    @Tag("points=2")
    @DisplayName("an untouched handshake: -1")
    void intact() throws Exception {
        Connection c = client(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);
        check(checker, "firstBadFinished of an untouched handshake", c.secrets().masterSecret(),
                Messages.of(c.transcript().entries()), -1,
                "hash only handshake messages: ChangeCipherSpec is a record of its own and not part of the hash; "
                        + "the server's Finished hash includes the client's Finished");
    }

    @Test
    @Tag("points=2")
    @DisplayName("a changed ServerHello.random is caught by the first Finished")
    void changedServerHello() throws Exception {
        Connection c = client(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);
        Messages m = Messages.of(c.transcript().entries()).copy();
        int sh = m.indexOf("ServerHello", 0);
        m.bytes()[sh][10] ^= 1;
        check(checker, "firstBadFinished after flipping a bit of ServerHello.random", c.secrets().masterSecret(), m,
                m.indexOf("Finished", 0), "every Finished covers all handshake messages before it, so the first one already fails");
    }

    @Test
    @Tag("points=2")
    @DisplayName("a changed server Finished")
    void changedServerFinished() throws Exception {
        Connection c = client(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);
        Messages m = Messages.of(c.transcript().entries()).copy();
        int last = m.indexOf("Finished", m.indexOf("Finished", 0) + 1);
        m.bytes()[last][8] ^= (byte) 0x80;
        check(checker, "firstBadFinished after changing the server's verify_data", c.secrets().masterSecret(), m, last,
                "the server's label is \"server finished\"; compare the 12 bytes after the 4-byte header");
    }
}
