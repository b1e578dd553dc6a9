package tlslab.course;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tlslab.engine.Secrets;
import tlslab.engine.Tls13Secrets;
import tlslab.keys.CertificateInfo;
import tlslab.transcript.Entry;
import tlslab.transcript.Transcript;
import tlslab.wire.Field;
import tlslab.wire.Hex;

/** Library values as Tablesaw tables; {@link CourseExtension} shows a Table as plain HTML. */
public final class Tables {
    /** Bytes shown in a hex cell before it is cut with "…". */
    public static int hexLimit = 24;

    private Tables() {
    }

    /** A handshake message field by field: offset, length, field name, bytes, meaning. */
    public static Table fields(Entry entry) {
        return fields(entry.name(), entry.fields());
    }

    public static Table fields(String title, List<Field> fields) {
        Table t = Table.create(title,
                IntColumn.create("offset"), IntColumn.create("length"), StringColumn.create("field"),
                StringColumn.create("bytes (hex)"), StringColumn.create("meaning"));
        for (Field f : fields) {
            t.intColumn(0).append(f.offset());
            t.intColumn(1).append(f.length());
            t.stringColumn(2).append(f.name());
            t.stringColumn(3).append(Hex.abbreviate(f.bytes(), hexLimit));
            t.stringColumn(4).append(f.meaning());
        }
        return t;
    }

    /** One row per message of a run. */
    public static Table transcript(Transcript transcript) {
        Table t = Table.create("transcript", IntColumn.create("#"), StringColumn.create("direction"),
                StringColumn.create("message"), IntColumn.create("bytes"), StringColumn.create("on the wire"),
                StringColumn.create("first bytes (hex)"));
        int i = 1;
        for (Entry e : transcript.entries()) {
            t.intColumn(0).append(i++);
            t.stringColumn(1).append(e.direction().arrow);
            t.stringColumn(2).append(e.name());
            t.intColumn(3).append(e.bytes().length);
            t.stringColumn(4).append(e.encrypted() ? "encrypted" : "clear");
            t.stringColumn(5).append(Hex.abbreviate(e.bytes(), 12));
        }
        return t;
    }

    /** One row per record: the clear 5-byte header and the (possibly encrypted) body. */
    public static Table records(Transcript transcript) {
        Table t = Table.create("records", IntColumn.create("#"), StringColumn.create("direction"),
                StringColumn.create("content type"), StringColumn.create("seq"), StringColumn.create("header (hex)"),
                IntColumn.create("body bytes"), StringColumn.create("body on the wire (hex)"));
        int i = 1;
        for (Transcript.RecordEntry r : transcript.records()) {
            byte[] wire = r.record().wire();
            t.intColumn(0).append(i++);
            t.stringColumn(1).append(r.direction().arrow);
            t.stringColumn(2).append(r.record().type().rfcName());
            t.stringColumn(3).append(r.record().encrypted() ? String.valueOf(r.record().seq()) : "–");
            t.stringColumn(4).append(Hex.of(wire, 0, 5));
            t.intColumn(5).append(wire.length - 5);
            t.stringColumn(6).append(Hex.abbreviate(java.util.Arrays.copyOfRange(wire, 5, wire.length), 16));
        }
        return t;
    }

    /** Every value of the key schedule of one handshake. */
    public static Table secrets(Secrets s) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"client random", hex(s.clientRandom()), "ClientHello.random"});
        rows.add(new String[] {"server random", hex(s.serverRandom()), "ServerHello.random"});
        rows.add(new String[] {"pre-master secret", s.preMasterSecret() == null ? "(resumed: not used)" : hex(s.preMasterSecret()),
                "RSA: chosen by the client; ECDHE: the shared point's x-coordinate (for x25519, the 32-byte X25519 output)"});
        rows.add(new String[] {"master secret", hex(s.masterSecret()), "PRF(pre-master, \"master secret\", client random ‖ server random)[0..47]"});
        rows.add(new String[] {"client write MAC key", hex(s.keyBlock().clientMacKey()), "key block, part 1"});
        rows.add(new String[] {"server write MAC key", hex(s.keyBlock().serverMacKey()), "key block, part 2"});
        rows.add(new String[] {"client write key", hex(s.keyBlock().clientKey()), "key block, part 3"});
        rows.add(new String[] {"server write key", hex(s.keyBlock().serverKey()), "key block, part 4"});
        rows.add(new String[] {"client write IV", hex(s.keyBlock().clientIv()), "key block, part 5"});
        rows.add(new String[] {"server write IV", hex(s.keyBlock().serverIv()), "key block, part 6"});
        rows.add(new String[] {"client verify_data", hex(s.clientVerifyData()), "PRF(master, \"client finished\", SHA-256(messages))[0..11]"});
        rows.add(new String[] {"server verify_data", hex(s.serverVerifyData()), "PRF(master, \"server finished\", SHA-256(messages))[0..11]"});
        return rows("key schedule (" + s.cipherSuite() + ")", List.of("value", "hex", "how it is made"), rows);
    }

    /** Every secret of a TLS 1.3 key schedule (RFC 8446 §7.1), in the order the handshake makes them. */
    public static Table secrets(Tls13Secrets s) {
        String h = s.cipherSuite().hash.jcaName;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"client random", hex(s.clientRandom()), "ClientHello.random (no longer an input to the keys)"});
        rows.add(new String[] {"server random", hex(s.serverRandom()), "ServerHello.random (no longer an input to the keys)"});
        rows.add(new String[] {"(EC)DHE shared secret", hex(s.sharedSecret()), "the key shares' Diffie–Hellman result"});
        rows.add(new String[] {"early secret", hex(s.earlySecret()), "HKDF-Extract(0, 0): no PSK"});
        rows.add(new String[] {"handshake secret", hex(s.handshakeSecret()), "HKDF-Extract(Derive-Secret(early, \"derived\", \"\"), shared secret)"});
        rows.add(new String[] {"client_handshake_traffic_secret", hex(s.clientHandshakeTrafficSecret()), "Derive-Secret(handshake, \"c hs traffic\", ClientHello…ServerHello)"});
        rows.add(new String[] {"server_handshake_traffic_secret", hex(s.serverHandshakeTrafficSecret()), "Derive-Secret(handshake, \"s hs traffic\", ClientHello…ServerHello)"});
        rows.add(new String[] {"master secret", hex(s.masterSecret()), "HKDF-Extract(Derive-Secret(handshake, \"derived\", \"\"), 0)"});
        rows.add(new String[] {"client_application_traffic_secret_0", hex(s.clientApplicationTrafficSecret()), "Derive-Secret(master, \"c ap traffic\", ClientHello…server Finished)"});
        rows.add(new String[] {"server_application_traffic_secret_0", hex(s.serverApplicationTrafficSecret()), "Derive-Secret(master, \"s ap traffic\", ClientHello…server Finished)"});
        rows.add(new String[] {"exporter_master_secret", hex(s.exporterMasterSecret()), "Derive-Secret(master, \"exp master\", ClientHello…server Finished): keys for other protocols"});
        rows.add(new String[] {"resumption_master_secret", hex(s.resumptionMasterSecret()), "Derive-Secret(master, \"res master\", ClientHello…client Finished): for tickets"});
        return rows("TLS 1.3 key schedule (" + s.cipherSuite() + ", hash " + h + ")", List.of("secret", "hex", "how it is made"), rows);
    }

    public static Table certificate(X509Certificate c) {
        return rows(c.getSubjectX500Principal().getName(), List.of("field", "value"), CertificateInfo.describe(c));
    }

    /** A table of strings from rows of cells. */
    public static Table rows(String title, List<String> headers, List<String[]> rows) {
        Table t = Table.create(title);
        for (String h : headers) t.addColumns(StringColumn.create(h));
        for (String[] r : rows) {
            for (int i = 0; i < headers.size(); i++) t.stringColumn(i).append(i < r.length && r[i] != null ? r[i] : "");
        }
        return t;
    }

    /** Plain HTML for any Tablesaw table (our own writer: Tablesaw's HTML writer needs a classpath scan). */
    public static String html(Table t) {
        List<String> headers = t.columnNames();
        List<List<String>> rows = cells(t);
        List<Integer> code = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) if (headers.get(i).contains("hex")) code.add(i);
        String caption = t.name() == null || t.name().isEmpty() ? "" : "<p><b>" + Html.escape(t.name()) + "</b></p>\n";
        return caption + Html.table(headers, rows, code.stream().mapToInt(Integer::intValue).toArray());
    }

    public static String text(Table t) {
        return (t.name() == null ? "" : t.name() + "\n") + Html.text(t.columnNames(), cells(t));
    }

    private static List<List<String>> cells(Table t) {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> row = new ArrayList<>();
            for (Column<?> c : t.columns()) row.add(c.getString(r));
            rows.add(row);
        }
        return rows;
    }

    private static String hex(byte[] b) {
        return b == null ? "" : Hex.of(b);
    }
}
