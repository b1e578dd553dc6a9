package tlslab.course;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PrivateKey;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslab.crypto.NamedGroup;
import tlslab.engine.Connection;
import tlslab.handshake.ClientHello;
import tlslab.handshake.ServerHello;
import tlslab.handshake.Tls13Extensions;
import tlslab.wire.ProtocolVersion;

class Tls13ViewsTest {
    static final Lab LAB = Lab.create();

    @Test
    void recordedRandomnessGivesBackBothX25519KeysOfAHandshake() throws Exception {
        RecordingRandom c = RecordingRandom.seeded("test/client"), s = RecordingRandom.seeded("test/server");
        Connection[] cs = LAB.handshake(LAB.client().versions(ProtocolVersion.TLS13).random(c),
                LAB.server().versions(ProtocolVersion.TLS13).random(s));
        byte[] clientShare = Tls13Extensions.of((ClientHello) cs[0].transcript().find("ClientHello").message())
                .clientShares().get(0).keyExchange();
        byte[] serverShare = Tls13Extensions.of((ServerHello) cs[0].transcript().find("ServerHello").message())
                .serverShare().keyExchange();
        PrivateKey a = c.x25519KeyFor(clientShare), b = s.x25519KeyFor(serverShare);
        assertNotNull(a);
        assertNotNull(b);
        NamedGroup x = NamedGroup.X25519;
        assertArrayEquals(cs[0].tls13Secrets().sharedSecret(), x.agree(a, x.decode(serverShare)));
        assertArrayEquals(cs[0].tls13Secrets().sharedSecret(), x.agree(b, x.decode(clientShare)));
        assertEquals(null, c.x25519KeyFor(serverShare));
    }

    @Test
    void sideBySideCountsRoundTripsAndWhatIsInClear() throws Exception {
        Connection[] old = LAB.handshake(LAB.client(), LAB.server());
        Connection[] neu = LAB.handshake(LAB.client().versions(ProtocolVersion.TLS13), LAB.server().versions(ProtocolVersion.TLS13));
        assertEquals(2, SideBySide.roundTrips(old[0].transcript()));
        assertEquals(1, SideBySide.roundTrips(neu[0].transcript()));
        String table = Tables.text(SideBySide.messages("TLS 1.2", old[0].transcript(), "TLS 1.3", neu[0].transcript()));
        assertTrue(table.contains("EncryptedExtensions") && table.contains("ServerHelloDone"), table);
        String wire = Tables.text(SideBySide.wire("1.3", neu[0].transcript()));
        assertTrue(wire.contains("application_data (23)"), wire);
        // the server's encrypted flight travels in one record, which names all four messages
        String wireHtml = Tables.html(SideBySide.wire("1.3", neu[0].transcript()));
        assertTrue(wireHtml.contains("EncryptedExtensions, Certificate, CertificateVerify, Finished"), wireHtml);
        List<String> clear12 = SideBySide.inClear(old[0].transcript(), Lab.HOST);
        List<String> clear13 = SideBySide.inClear(neu[0].transcript(), Lab.HOST);
        assertEquals(2, clear12.size(), clear12.toString());   // ClientHello (SNI) and Certificate
        assertEquals(1, clear13.size(), clear13.toString());   // ClientHello only
        assertTrue(clear13.get(0).contains("ClientHello"), clear13.toString());
        assertTrue(Tables.text(Tables.secrets(neu[0].tls13Secrets())).contains("c hs traffic"));
    }
}
