package tlslab.exercises.hidden;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.exercise.ServerHelloParser;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Impl;
import tlslab.handshake.Extension;
import tlslab.handshake.ServerHello;

@DisplayName("Exercise 4 · Parse a ServerHello (hidden)")
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex04ServerHelloHiddenTest {
    final ServerHelloParser parser = Impl.of(ServerHelloParser.class);

    @Test
    @Tag("points=2")
    @DisplayName("random hellos read back field by field")
    void roundTrip() {
        Random r = new Random(44);
        for (int i = 0; i < 25; i++) {
            byte[] random = new byte[32];
            r.nextBytes(random);
            byte[] sid = new byte[r.nextInt(33)];
            r.nextBytes(sid);
            List<Extension> ext = new ArrayList<>();
            int n = r.nextInt(4);
            for (int j = 0; j < n; j++) {
                byte[] data = new byte[r.nextInt(300)];
                r.nextBytes(data);
                ext.add(new Extension(1000 * j + r.nextInt(1000), data));
            }
            int version = 0x0300 + r.nextInt(4), suite = r.nextInt(0x10000), comp = r.nextInt(256);
            byte[] m = new ServerHello(version, random, sid, suite, comp, ext).encode();
            String what = " of hello #" + i;
            Expect.equal("serverVersion" + what, version, parser.serverVersion(m.clone()), null);
            Expect.bytes("random" + what, random, parser.random(m.clone()), null);
            Expect.bytes("sessionId" + what, sid, parser.sessionId(m.clone()), null);
            Expect.equal("cipherSuite" + what, suite, parser.cipherSuite(m.clone()), "read cipher_suite as unsigned: 0xc02f is 49199");
            Expect.equal("compressionMethod" + what, comp, parser.compressionMethod(m.clone()), "read bytes as unsigned (b & 0xff)");
            Expect.equal("extensionTypes" + what, Arrays.toString(ext.stream().mapToInt(Extension::type).toArray()),
                    Arrays.toString(parser.extensionTypes(m.clone())), "skip each extension's data by its 2-byte length");
        }
    }

    @Test
    @Tag("points=2")
    @DisplayName("malformed messages are refused with IllegalArgumentException")
    void malformed() {
        byte[] good = new ServerHello(0x0303, new byte[32], new byte[4], 0xc02f, 0,
                List.of(Extension.renegotiationInfo())).encode();
        Expect.equal("extensionTypes of the well-formed hello the bad ones are made from", "[65281]",
                Arrays.toString(parser.extensionTypes(good.clone())), null);
        List<String> names = new ArrayList<>();
        List<byte[]> bad = new ArrayList<>();
        names.add("empty message");
        bad.add(new byte[0]);
        names.add("only 3 bytes");
        bad.add(new byte[] {2, 0, 0});
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        names.add("a byte more than the header says");
        bad.add(longer);
        byte[] lie = good.clone();
        lie[3] += 5;
        names.add("header length 5 more than the body");
        bad.add(lie);
        byte[] sidTooLong = good.clone();
        sidTooLong[38] = 33;
        names.add("session_id length 33");
        bad.add(sidTooLong);
        byte[] sidPastEnd = good.clone();
        sidPastEnd[38] = (byte) 200;
        names.add("session_id length past the end");
        bad.add(sidPastEnd);
        byte[] extPastEnd = good.clone();
        extPastEnd[good.length - 5 - 2] = 0x7f;   // extensions length
        names.add("extensions length past the end");
        bad.add(extPastEnd);
        byte[] extDataPastEnd = good.clone();
        extDataPastEnd[good.length - 2] = 9;   // renegotiation_info data length
        names.add("extension data length past the end");
        bad.add(extDataPastEnd);
        for (int i = 0; i < bad.size(); i++) {
            byte[] m = bad.get(i);
            Expect.rejects(IllegalArgumentException.class, "extensionTypes(" + names.get(i) + ")", () -> parser.extensionTypes(m),
                    "check every length against the bytes that are left before reading; wrap failures in IllegalArgumentException");
            Expect.rejects(IllegalArgumentException.class, "serverVersion(" + names.get(i) + ")", () -> parser.serverVersion(m),
                    "check the whole message in every method, even if the field you return comes early");
        }
    }
}
