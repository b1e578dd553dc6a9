package tlslab.exercises.hidden;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.exercise.ClientHelloEncoder;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Impl;
import tlslab.handshake.ClientHello;
import tlslab.handshake.Extension;
import tlslab.handshake.Handshake;

@DisplayName("Exercise 3 · Encode a ClientHello (hidden)")
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex03ClientHelloHiddenTest {
    final ClientHelloEncoder encoder = Impl.of(ClientHelloEncoder.class);

    void check(int version, byte[] random, byte[] sid, int[] suites, String host) throws Exception {
        List<Extension> ext = new ArrayList<>();
        if (host != null) ext.add(Extension.serverName(host));
        List<Integer> list = new ArrayList<>();
        for (int s : suites) list.add(s);
        byte[] expected = new ClientHello(version, random, sid, list, new byte[] {0}, ext).encode();
        Expect.bytes("encode(" + String.format("0x%04x", version) + ", …, " + suites.length + " suites, "
                + (host == null ? "null" : host.length() + "-char host") + ")", expected,
                encoder.encode(version, random.clone(), sid.clone(), suites.clone(), host), "every length counts bytes",
                Handshake.explain(expected, null));
    }

    @Test
    @Tag("points=2")
    @DisplayName("random hellos: versions, session IDs, suite lists and host names")
    void randomHellos() throws Exception {
        Random r = new Random(33);
        for (int i = 0; i < 25; i++) {
            byte[] random = new byte[32];
            r.nextBytes(random);
            byte[] sid = new byte[r.nextInt(33)];
            r.nextBytes(sid);
            int[] suites = new int[1 + r.nextInt(40)];
            for (int j = 0; j < suites.length; j++) suites[j] = r.nextInt(0x10000);
            String host = r.nextBoolean() ? null : "h" + i + ".example" + "x".repeat(r.nextInt(60)) + ".test";
            check(0x0301 + r.nextInt(3), random, sid, suites, host);
        }
    }

    @Test
    @Tag("points=2")
    @DisplayName("a long host name and many suites (lengths above 255)")
    void bigLengths() throws Exception {
        byte[] random = new byte[32];
        int[] suites = new int[200];
        for (int i = 0; i < suites.length; i++) suites[i] = 0xc000 + i;
        check(0x0303, random, new byte[32], suites, "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + ".test");
    }
}
