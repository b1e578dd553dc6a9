package tlslab.engine;

import java.io.IOException;

import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule;
import tlslab.crypto.KeySchedule.KeyBlock;
import tlslab.crypto.Side;
import tlslab.handshake.Finished;
import tlslab.record.RecordCipher;

/**
 * The end of every handshake (RFC 5246 §7.1, §7.4.9): each side sends ChangeCipherSpec, which
 * switches its writing to the new keys, then Finished, the first message under them; each checks
 * the other's. A full handshake has the client go first, a resumed one the server.
 */
final class FinishedExchange {
    record VerifyData(byte[] client, byte[] server) {
    }

    private FinishedExchange() {
    }

    static VerifyData run(HandshakeIO io, TlsConfig config, Side me, boolean meFirst, Agreed agreed, byte[] master,
                          KeyBlock keys) throws IOException {
        CipherSuite suite = agreed.suite();
        boolean etm = agreed.encryptThenMac();
        byte[] mine = null, theirs = null;
        for (int step = 0; step < 2; step++) {
            if ((step == 0) == meFirst) {
                io.sendChangeCipherSpec(RecordCipher.forWriting(suite, keys, me, etm, config.random()));
                mine = verifyData(io, config, suite, master, me);
                io.send(new Finished(mine));
            } else {
                io.receiveChangeCipherSpec(RecordCipher.forReading(suite, keys, me, etm, config.random()));
                theirs = verifyData(io, config, suite, master, me.peer());
                HandshakeIO.checkFinished(theirs, io.expect(Finished.class).verifyData(), me.peer().toString());
            }
        }
        return me == Side.CLIENT ? new VerifyData(mine, theirs) : new VerifyData(theirs, mine);
    }

    /** What {@code from}'s Finished must carry, over the handshake messages so far. */
    private static byte[] verifyData(HandshakeIO io, TlsConfig config, CipherSuite suite, byte[] master, Side from) {
        return KeySchedule.verifyData(config.prf, suite, master, from == Side.CLIENT, io.handshakeMessages());
    }
}
