package tlslab.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;
import tlslab.crypto.CipherSuite;
import tlslab.handshake.CertificateVerify;
import tlslab.transcript.Transcript;

class HandshakeViewsTest {
    static final Lab LAB = Lab.create("handshake-views-test");
    static final CipherSuite RSA = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;

    static Transcript rsa() throws Exception {
        return LAB.handshake(LAB.client().cipherSuites(RSA), LAB.server())[0].transcript();
    }

    static Transcript ecdhe() throws Exception {
        return LAB.handshake(LAB.client(), LAB.server())[0].transcript();
    }

    static Transcript clientAuth() throws Exception {
        return LAB.handshake(LAB.client().identity(List.of(LAB.clientCert), LAB.clientKeys.getPrivate()),
                LAB.server().trust(List.of(LAB.ca.certificate())).requireClientCertificate(true))[1].transcript();
    }

    static String cell(Table t, int row, int col) {
        return t.column(col).getString(row);
    }

    @Test
    void negotiationFollowsTheServersOrder() throws Exception {
        List<CipherSuite[]> offers = List.of(new CipherSuite[] {CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256, RSA},
                new CipherSuite[] {CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA});
        Table t = HandshakeViews.negotiate(offers, offer -> LAB.handshake(LAB.client().cipherSuites(offer), LAB.server())[0].transcript());
        assertEquals(RSA.name(), cell(t, 0, 1));   // the server prefers GCM, though the client listed CBC first
        assertEquals("TLS_RSA_WITH_AES_128_CBC_SHA", cell(t, 1, 1));
        Table pref = HandshakeViews.preference(LAB.server());
        assertEquals(LAB.server().preferredCipherSuites().size(), pref.rowCount());
        assertEquals(LAB.server().preferredCipherSuites().get(0).name(), cell(pref, 0, 1));
        Table one = HandshakeViews.preference(LAB.server().cipherSuites(RSA));
        assertEquals("009c", cell(one, 0, 2));
    }

    @Test
    void changeCipherSpecAndFinished() throws Exception {
        Transcript t = rsa();
        Table ccs = HandshakeViews.changeCipherSpec(t);
        assertEquals("14", cell(ccs, 0, 3));
        assertEquals("01", cell(ccs, 3, 3));
        assertTrue(ccs.name().contains("client → server"));
        Table fin = HandshakeViews.finished(t);
        assertEquals(2, fin.rowCount());
        assertEquals("client → server", cell(fin, 0, 0));
        assertEquals(24, cell(fin, 0, 1).length());                 // 12 bytes of verify_data
        assertTrue(cell(fin, 0, 3).startsWith("40 bytes: "), cell(fin, 0, 3));   // 8 nonce + 16 + 16 tag
        assertTrue(!cell(fin, 0, 1).equals(cell(fin, 1, 1)));
    }

    @Test
    void sameSaysWhetherBytesMatch() {
        assertEquals("✓ yes, all 3 bytes", cell(HandshakeViews.same("t", "a", new byte[] {1, 2, 3}, "b", new byte[] {1, 2, 3}), 2, 1));
        assertEquals("✗ no", cell(HandshakeViews.same("t", "a", new byte[] {1, 2, 3}, "b", new byte[] {1, 2, 4}), 2, 1));
    }

    @Test
    void certificateVerifySpeaksOnlyForTheClient() throws Exception {
        Transcript auth = clientAuth();
        HandshakeViews.Signed signed = HandshakeViews.messagesBefore(auth, "CertificateVerify");
        assertEquals(List.of("ClientHello", "ServerHello", "Certificate", "ServerKeyExchange", "CertificateRequest", "ServerHelloDone",
                "Certificate", "ClientKeyExchange"), signed.names());
        CertificateVerify cv = (CertificateVerify) auth.find("CertificateVerify").message();
        Map<String, java.security.PublicKey> keys = new LinkedHashMap<>();
        keys.put("client", LAB.clientCert.getPublicKey());
        keys.put("server", LAB.serverCert.getPublicKey());
        Table t = HandshakeViews.whoSigned("t", cv.signatureScheme(), signed.bytes(), cv.signature(), keys);
        assertEquals("✓ yes", cell(t, 0, 1));
        assertEquals("✗ no", cell(t, 1, 1));
        // one byte less and the client's own key fails too
        byte[] shorter = java.util.Arrays.copyOf(signed.bytes(), signed.bytes().length - 1);
        assertEquals("✗ no", cell(HandshakeViews.whoSigned("t", cv.signatureScheme(), shorter, cv.signature(), keys), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> HandshakeViews.messagesBefore(rsa(), "CertificateVerify"));
    }

    @Test
    void serverKeyExchangeSignatureCoversRandomsAndParamsNotTheSuite() throws Exception {
        Table t = HandshakeViews.signatureCoverage(ecdhe(), LAB.serverCert.getPublicKey());
        assertEquals("✓ verifies", cell(t, 0, 3));
        assertEquals("100 bytes", cell(t, 0, 1));   // 32 + 32 + 1 + 2 + 1 + 32
        for (int row = 1; row <= 4; row++) assertEquals("✗ fails: covered", cell(t, row, 3), cell(t, row, 0));
        for (int row = 5; row <= 6; row++) {
            assertEquals("✓ still verifies: not covered", cell(t, row, 3), cell(t, row, 0));
            assertEquals("no: not in the signed data", cell(t, row, 2));
        }
        // with the wrong key nothing verifies
        Table wrong = HandshakeViews.signatureCoverage(ecdhe(), LAB.clientCert.getPublicKey());
        assertEquals("✗ does not verify", cell(wrong, 0, 3));
    }

    @Test
    void compareAlignsMessagesOfDifferentRuns() throws Exception {
        Map<String, Transcript> runs = new LinkedHashMap<>();
        runs.put("RSA", rsa());
        runs.put("ECDHE", ecdhe());
        runs.put("client auth", clientAuth());
        Table t = HandshakeViews.compare(runs);
        String text = Tables.text(t);
        int last = t.rowCount() - 1;
        assertEquals("messages", cell(t, last, 2));
        assertEquals("9", cell(t, last, 3));
        assertEquals("10", cell(t, last, 4));
        assertEquals("13", cell(t, last, 5));
        assertEquals(13, last);   // 13 distinct rows: every message of the longest run once
        int ske = -1;
        for (int r = 0; r < last; r++) if (cell(t, r, 2).equals("ServerKeyExchange")) ske = r;
        assertEquals("–", cell(t, ske, 3), text);
        assertTrue(cell(t, ske, 4).endsWith("bytes"), text);
        assertEquals("ClientHello", cell(t, 0, 2));
        assertEquals("Finished", cell(t, last - 1, 2));
        assertEquals("server → client", cell(t, last - 1, 1));
    }
}
