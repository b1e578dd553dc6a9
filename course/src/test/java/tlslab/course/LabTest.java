package tlslab.course;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;
import tlslab.crypto.CipherSuite;
import tlslab.engine.Connection;

class LabTest {
    static final Lab LAB = Lab.create();

    @Test
    void sameSeedSameCertificateBytes() throws Exception {
        assertArrayEquals(LAB.serverCert.getEncoded(), Lab.create().serverCert.getEncoded());
    }

    @Test
    void handshakeTablesShowEveryMessage() throws Exception {
        Connection[] cs = LAB.handshake(LAB.client().cipherSuites(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256), LAB.server());
        Table t = Tables.transcript(cs[0].transcript());
        assertEquals(9, t.rowCount());
        String html = Tables.html(Tables.fields(cs[0].transcript().find("ClientHello")));
        assertTrue(html.contains("<td>client_version</td>") && html.contains("<code>0303</code>"), html);
        assertTrue(Tables.html(Tables.secrets(cs[0].secrets())).contains("master secret"));
        assertTrue(Tables.text(Tables.records(cs[0].transcript())).contains("change_cipher_spec"));
    }

    @Test
    void attemptTurnsErrorsIntoOneLine() {
        Object r = Attempt.run(() -> LAB.handshake(LAB.client().serverName("www.evil.test"), LAB.server()));
        assertTrue(r instanceof View v && v.text().contains("www.evil.test"), r.toString());
    }

    @Test
    void chartsAreImages() {
        assertTrue(Charts.bars("t", "ops/s", List.of("a", "b"), List.of(10, 1000), true).getWidth() > 100);
    }
}
