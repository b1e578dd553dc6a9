package tlslab.exercises.hidden;

import java.io.ByteArrayOutputStream;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule;
import tlslab.engine.Connection;
import tlslab.exercise.FinishedVerifyData;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Fixtures;
import tlslab.exercises.check.Impl;
import tlslab.transcript.Entry;

@DisplayName("Exercise 7 · Finished verify_data (hidden)")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex07FinishedHiddenTest {
    final FinishedVerifyData finished = Impl.of(FinishedVerifyData.class);

    @Test
    @Tag("points=2")
    @DisplayName("the Finished messages of a real handshake")
    void realHandshake() throws Exception {
        Connection c = Fixtures.handshake(Fixtures.client().cipherSuites(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
                Fixtures.server())[0];
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] master = c.secrets().masterSecret();
        int found = 0;
        for (Entry e : c.transcript().entries()) {
            if (e.name().equals("Finished")) {
                boolean fromClient = e.direction() == tlslab.transcript.Direction.CLIENT_TO_SERVER;
                byte[] vd = finished.verifyData(master, fromClient, seen.toByteArray());
                Expect.bytes((fromClient ? "client" : "server") + " Finished message of a real handshake", e.bytes(),
                        finished.finishedMessage(vd), null);
                found++;
            }
            if (e.message() != null) seen.writeBytes(e.bytes());
        }
        Expect.equal("Finished messages found", 2, found, null);
    }

    @Test
    @Tag("points=2")
    @DisplayName("random masters and transcripts, empty included")
    void randomInputs() {
        Random r = new Random(77);
        for (int i = 0; i < 20; i++) {
            byte[] master = new byte[48], messages = new byte[i == 0 ? 0 : r.nextInt(5000)];
            r.nextBytes(master);
            r.nextBytes(messages);
            boolean client = r.nextBoolean();
            Expect.bytes("verifyData(master, " + client + ", " + messages.length + " bytes)",
                    KeySchedule.verifyData(master, client, messages), finished.verifyData(master, client, messages), null);
        }
    }
}
