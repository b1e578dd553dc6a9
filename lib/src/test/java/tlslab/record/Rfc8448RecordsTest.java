package tlslab.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tlslab.record.ContentType.ALERT;
import static tlslab.record.ContentType.APPLICATION_DATA;
import static tlslab.record.ContentType.HANDSHAKE;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import tlslab.crypto.tls13.Rfc8448Trace;
import tlslab.crypto.tls13.Rfc8448Trace.Step;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.wire.Hex;

/**
 * Every protected record RFC 8448 prints, §3 to §7: sealing the trace's payload under the trace's
 * traffic secret gives the trace's record byte for byte, and opening the record gives back the payload
 * and its content type. The tables below say which keys and sequence number protect each record; the
 * test also checks they list every encrypted record of the section, in order, so none is skipped.
 * All of RFC 8448 uses TLS_AES_128_GCM_SHA256 and no padding.
 */
class Rfc8448RecordsTest {
    static final Tls13CipherSuite SUITE = Tls13CipherSuite.TLS_AES_128_GCM_SHA256;
    static final String EARLY = "early application data";
    static final String HS = "handshake data";
    static final String AP = "application data";
    static final Pattern SEND = Pattern.compile("send (\\w+) record");

    /** One record the trace sends: who, what type, under which keys, as which record number. */
    record Expected(String writer, ContentType type, String keys, long seq, String what) {
        @Override
        public String toString() {
            return writer + " " + type.rfcName() + " #" + seq + " under " + keys + " keys: " + what;
        }
    }

    static Expected rec(String writer, ContentType type, String keys, long seq, String what) {
        return new Expected(writer, type, keys, seq, what);
    }

    static final List<Expected> SIMPLE_1RTT = List.of( // §3
            rec("server", HANDSHAKE, HS, 0, "EncryptedExtensions, Certificate, CertificateVerify, Finished"),
            rec("client", HANDSHAKE, HS, 0, "Finished"),
            rec("server", HANDSHAKE, AP, 0, "NewSessionTicket"),
            rec("client", APPLICATION_DATA, AP, 0, "50 bytes of data"),
            rec("server", APPLICATION_DATA, AP, 1, "50 bytes of data"),
            rec("client", ALERT, AP, 1, "close_notify"),
            rec("server", ALERT, AP, 2, "close_notify"));

    static final List<Expected> RESUMED_0RTT = List.of( // §4
            rec("client", APPLICATION_DATA, EARLY, 0, "0-RTT data, sent right after the ClientHello"),
            rec("server", HANDSHAKE, HS, 0, "EncryptedExtensions, Finished"),
            rec("client", HANDSHAKE, EARLY, 1, "EndOfEarlyData, still under the early keys"),
            rec("client", HANDSHAKE, HS, 0, "Finished"),
            rec("client", APPLICATION_DATA, AP, 0, "50 bytes of data"),
            rec("server", APPLICATION_DATA, AP, 0, "50 bytes of data"),
            rec("client", ALERT, AP, 1, "close_notify"),
            rec("server", ALERT, AP, 1, "close_notify"));

    /** §5, §6 and §7 send the same protected records: each side's flight, then close_notify both ways. */
    static List<Expected> flightsThenClose(String serverFlight, String clientFlight) {
        return List.of(
                rec("server", HANDSHAKE, HS, 0, serverFlight),
                rec("client", HANDSHAKE, HS, 0, clientFlight),
                rec("client", ALERT, AP, 0, "close_notify"),
                rec("server", ALERT, AP, 0, "close_notify"));
    }

    final Rfc8448Trace trace = Rfc8448Trace.get();

    @TestFactory
    Stream<DynamicContainer> everyProtectedRecord() {
        return Stream.of(
                section("3", "Simple 1-RTT Handshake", SIMPLE_1RTT),
                section("4", "Resumed 0-RTT Handshake", RESUMED_0RTT),
                section("5", "HelloRetryRequest", flightsThenClose("EncryptedExtensions … Finished", "Finished")),
                section("6", "Client Authentication", flightsThenClose(
                        "EncryptedExtensions, CertificateRequest, Certificate, CertificateVerify, Finished",
                        "Certificate, CertificateVerify, Finished")),
                section("7", "Compatibility Mode", flightsThenClose("EncryptedExtensions … Finished", "Finished")));
    }

    private DynamicContainer section(String section, String name, List<Expected> expected) {
        List<Step> sent = protectedRecords(section);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("the table lists all " + sent.size() + " protected records", () -> {
            List<String> printed = new ArrayList<>();
            for (Step s : sent) printed.add(s.actor() + " " + typeOf(s).rfcName());
            List<String> listed = new ArrayList<>();
            for (Expected e : expected) listed.add(e.writer() + " " + e.type().rfcName());
            assertEquals(printed, listed, "RFC 8448 §" + section + ": protected records, in trace order");
        }));
        for (int i = 0; i < Math.min(sent.size(), expected.size()); i++) {
            Step step = sent.get(i);
            Expected e = expected.get(i);
            tests.add(DynamicTest.dynamicTest(e.toString(), () -> check(section, step, e)));
        }
        return DynamicContainer.dynamicContainer("§" + section + " " + name, tests);
    }

    private void check(String section, Step step, Expected e) throws Exception {
        Step keys = keysStep(section, e.writer(), e.keys());
        byte[] payload = step.value("payload");
        byte[] record = step.value("complete record");

        Tls13RecordCipher writer = Tls13RecordCipher.of(SUITE, keys.value("PRK"));
        assertHex(keys.value("key expanded"), writer.keys().key(), keys + " key");
        assertHex(keys.value("iv expanded"), writer.keys().iv(), keys + " iv");
        assertHex(record, writer.seal(e.seq(), e.type(), payload), step + ": seal(payload)");

        Tls13RecordCipher reader = Tls13RecordCipher.of(SUITE, keys.value("PRK"));
        assertEquals(new TlsInnerPlaintext(e.type(), payload, 0), reader.open(e.seq(), record), step + ": open(record)");
    }

    /** §3's one server record is the whole encrypted flight, the four messages back to back. */
    @Test
    void simpleHandshakeServerFlightIsOneRecord() {
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        for (String m : List.of("EncryptedExtensions", "Certificate", "CertificateVerify", "Finished")) {
            flight.writeBytes(trace.step("3", "server", "construct a " + m + " handshake message").value(m));
        }
        assertHex(flight.toByteArray(), protectedRecords("3").get(0).value("payload"), "§3 server flight payload");
    }

    /** The section's "send … record" steps whose record is protected (type 23 on the wire), in order. */
    private List<Step> protectedRecords(String section) {
        List<Step> found = new ArrayList<>();
        for (Step s : trace.steps(section)) {
            if (SEND.matcher(s.title()).matches() && s.value("complete record")[0] == APPLICATION_DATA.code) found.add(s);
        }
        return found;
    }

    private static ContentType typeOf(Step send) {
        Matcher m = SEND.matcher(send.title());
        if (!m.matches()) throw new AssertionError(send + " sends no record");
        for (ContentType t : ContentType.values()) {
            if (t.rfcName().equals(m.group(1))) return t;
        }
        throw new AssertionError(send + ": unknown content type " + m.group(1));
    }

    /**
     * Where the trace prints the keys {@code writer} protects {@code stage} records with: in the writer's
     * "derive write traffic keys" step, or else in the peer's "derive read traffic keys" step.
     */
    private Step keysStep(String section, String writer, String stage) {
        for (String verb : List.of("write", "read")) {
            for (Step s : trace.steps(section)) {
                boolean actor = s.actor().equals(writer) == verb.equals("write");
                if (actor && s.title().equals("derive " + verb + " traffic keys for " + stage) && !s.values().isEmpty()) {
                    return s;
                }
            }
        }
        throw new AssertionError("RFC 8448 §" + section + " prints no " + stage + " keys for the " + writer);
    }

    static void assertHex(byte[] expected, byte[] actual, String what) {
        assertEquals(Hex.of(expected), Hex.of(actual), what);
    }
}
