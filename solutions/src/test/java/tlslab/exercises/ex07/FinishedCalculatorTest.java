package tlslab.exercises.ex07;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.crypto.KeySchedule;
import tlslab.exercise.FinishedVerifyData;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Impl;
import tlslab.handshake.Finished;
import tlslab.handshake.Handshake;

@DisplayName("Exercise 7 · Finished verify_data")
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FinishedCalculatorTest {
    final FinishedVerifyData finished = Impl.of(FinishedVerifyData.class);

    static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    @Test
    @Tag("points=2")
    @DisplayName("the client's verify_data")
    void client() {
        Random r = new Random(7);
        byte[] master = random(r, 48), messages = random(r, 900);
        Expect.bytes("verifyData(master, fromClient=true, messages)", KeySchedule.verifyData(master, true, messages),
                finished.verifyData(master, true, messages),
                "PRF(master_secret, \"client finished\", SHA-256(messages)) cut to 12 bytes: the seed is the hash, not the messages");
    }

    @Test
    @Tag("points=2")
    @DisplayName("the server's verify_data")
    void server() {
        Random r = new Random(70);
        byte[] master = random(r, 48), messages = random(r, 1500);
        Expect.bytes("verifyData(master, fromClient=false, messages)", KeySchedule.verifyData(master, false, messages),
                finished.verifyData(master, false, messages), "the server's label is \"server finished\"");
    }

    @Test
    @Tag("points=2")
    @DisplayName("the Finished message around verify_data")
    void message() throws Exception {
        byte[] vd = random(new Random(71), 12);
        byte[] expected = new Finished(vd).encode();
        Expect.bytes("finishedMessage(verify_data)", expected, finished.finishedMessage(vd),
                "handshake header: type 20 (finished), then the body length in 3 bytes, then verify_data",
                Handshake.explain(expected, null));
    }
}
