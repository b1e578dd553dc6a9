package tlslab.course;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tech.tablesaw.api.Table;
import tlslab.crypto.CipherSuite;
import tlslab.handshake.ClientHello;
import tlslab.handshake.ServerHello;
import tlslab.handshake.ServerKeyExchange;
import tlslab.handshake.SignatureScheme;
import tlslab.record.ContentType;
import tlslab.transcript.Entry;
import tlslab.transcript.Transcript;
import tlslab.wire.Field;
import tlslab.wire.Hex;
import tlslab.engine.TlsConfig;
import tlslab.handshake.Finished;

/**
 * The tables of the handshake notebooks (04a–04d) that take more than a line to build: they keep the
 * notebooks' code cells short. Every value comes from a run's transcript or config.
 */
public final class HandshakeViews {
    private HandshakeViews() {
    }

    /** Runs one handshake with the given offer and returns its transcript (e.g. over TCP to the lab server). */
    @FunctionalInterface
    public interface Run {
        Transcript with(CipherSuite[] offer) throws Exception;
    }

    /** The cipher suite a run's ServerHello chose, by name. */
    public static String chosenSuite(Transcript t) {
        return CipherSuite.nameOf(((ServerHello) t.find("ServerHello").message()).cipherSuite());
    }

    /** The server's order of preference, numbered (read from its config, so it follows edits). */
    public static Table preference(TlsConfig server) {
        List<String[]> rows = new ArrayList<>();
        int i = 1;
        for (CipherSuite s : server.preferredCipherSuites()) rows.add(new String[] {String.valueOf(i++), s.name(), String.format("%04x", s.id)});
        return Tables.rows("the server's order of preference", List.of("rank", "cipher suite", "code (hex)"), rows);
    }

    /** One handshake per offer: what the client offered (in its order) and what the server chose. */
    public static Table negotiate(List<CipherSuite[]> offers, Run run) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (CipherSuite[] offer : offers) rows.add(new String[] {Arrays.toString(offer), chosenSuite(run.with(offer))});
        return Tables.rows("offered → chosen", List.of("ClientHello.cipher_suites (client's order)", "ServerHello.cipher_suite"), rows);
    }

    /** The client's ChangeCipherSpec record, byte by byte. */
    public static Table changeCipherSpec(Transcript t) {
        byte[] ccs = t.records().stream().filter(r -> r.record().type() == ContentType.CHANGE_CIPHER_SPEC).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no ChangeCipherSpec record in this run")).record().wire();
        return Tables.fields("ChangeCipherSpec record, " + t.records().stream().filter(r -> r.record().type() == ContentType.CHANGE_CIPHER_SPEC)
                .findFirst().get().direction().arrow, List.of(
                new Field("type", 0, 1, Arrays.copyOfRange(ccs, 0, 1), "change_cipher_spec (20): a record type, not a handshake message"),
                new Field("version", 1, 2, Arrays.copyOfRange(ccs, 1, 3), "TLS 1.2"),
                new Field("length", 3, 2, Arrays.copyOfRange(ccs, 3, 5), (ccs.length - 5) + " byte follows"),
                new Field("type", 5, 1, Arrays.copyOfRange(ccs, 5, 6), "change_cipher_spec(1): switch to the new keys now")));
    }

    /** Both Finished messages: verify_data, the message's size, and the sealed record body that carried it. */
    public static Table finished(Transcript t) {
        List<Entry> finished = t.entries().stream().filter(e -> e.name().equals("Finished")).toList();
        List<Transcript.RecordEntry> sealed = t.records().stream()
                .filter(r -> r.record().encrypted() && r.record().type() == ContentType.HANDSHAKE).toList();
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < finished.size(); i++) {
            byte[] wire = sealed.get(i).record().wire();
            rows.add(new String[] {finished.get(i).direction().arrow, Hex.of(((Finished) finished.get(i).message()).verifyData()),
                    finished.get(i).bytes().length + " bytes", (wire.length - 5) + " bytes: " + Hex.abbreviate(Arrays.copyOfRange(wire, 5, wire.length), 12)});
        }
        return Tables.rows("the two Finished messages", List.of("direction", "verify_data (hex)", "message", "record body on the wire (hex)"), rows);
    }

    /** Two values side by side and whether they are the same bytes. */
    public static Table same(String title, String labelA, byte[] a, String labelB, byte[] b) {
        return Tables.rows(title, List.of("value", "hex"), List.of(
                new String[] {labelA, Hex.of(a)},
                new String[] {labelB, Hex.of(b)},
                new String[] {"the same?", Arrays.equals(a, b) ? "✓ yes, all " + a.length + " bytes" : "✗ no"}));
    }

    /** The handshake messages before the first message called {@code upTo}, as one byte string, and their names. */
    public record Signed(byte[] bytes, List<String> names) {
    }

    public static Signed messagesBefore(Transcript t, String upTo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> names = new ArrayList<>();
        for (Entry e : t.entries()) {
            if (e.name().equals(upTo)) return new Signed(out.toByteArray(), names);
            if (e.message() != null) {
                out.writeBytes(e.bytes());
                names.add(e.name());
            }
        }
        throw new IllegalArgumentException("no " + upTo + " in this run");
    }

    public static boolean verifies(String algorithm, PublicKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
        Signature v = Signature.getInstance(algorithm);
        v.initVerify(key);
        v.update(data);
        return v.verify(signature);
    }

    /** One signature checked with several public keys: which of them it speaks for. */
    public static Table whoSigned(String title, int scheme, byte[] data, byte[] signature, Map<String, PublicKey> keys)
            throws GeneralSecurityException {
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, PublicKey> k : keys.entrySet()) {
            rows.add(new String[] {k.getKey(), verifies(SignatureScheme.jcaName(scheme), k.getValue(), data, signature) ? "✓ yes" : "✗ no"});
        }
        return Tables.rows(title, List.of("checked with", "valid?"), rows);
    }

    /**
     * What the ServerKeyExchange signature covers, found out by trying: change one value at a time,
     * rebuild what a client would check, and see whether the server's signature still verifies.
     */
    public static Table signatureCoverage(Transcript ecdhe, PublicKey serverKey) throws GeneralSecurityException {
        ClientHello ch = (ClientHello) ecdhe.find("ClientHello").message();
        ServerHello sh = (ServerHello) ecdhe.find("ServerHello").message();
        ServerKeyExchange ske = (ServerKeyExchange) ecdhe.find("ServerKeyExchange").message();
        String alg = SignatureScheme.jcaName(ske.signatureScheme());
        byte[] cr = ch.random(), sr = sh.random(), point = ske.publicKey();
        int curve = ske.namedCurve();
        Map<String, byte[]> tries = new LinkedHashMap<>();
        tries.put("nothing (the messages as sent)", ServerKeyExchange.signedData(cr, sr, curve, point));
        tries.put("client_random (ClientHello)", ServerKeyExchange.signedData(flip(cr), sr, curve, point));
        tries.put("server_random (ServerHello)", ServerKeyExchange.signedData(cr, flip(sr), curve, point));
        tries.put("named_curve (ServerKeyExchange): " + String.format("%04x → %04x", curve, 0x0017), ServerKeyExchange.signedData(cr, sr, 0x0017, point));
        tries.put("the server's public point (ServerKeyExchange)", ServerKeyExchange.signedData(cr, sr, curve, flip(point)));
        // the suite is in ServerHello, which is not part of the signed data: a client rebuilds the same bytes
        tries.put("cipher_suite (ServerHello): " + CipherSuite.nameOf(sh.cipherSuite()) + " → another suite",
                ServerKeyExchange.signedData(cr, sr, curve, point));
        tries.put("cipher_suites offered (ClientHello)", ServerKeyExchange.signedData(cr, sr, curve, point));
        List<String[]> rows = new ArrayList<>();
        byte[] original = tries.values().iterator().next();
        boolean first = true;
        for (Map.Entry<String, byte[]> t : tries.entrySet()) {
            boolean ok = verifies(alg, serverKey, t.getValue(), ske.signature());
            String meaning = first ? (ok ? "✓ verifies" : "✗ does not verify")
                    : ok ? "✓ still verifies: not covered" : "✗ fails: covered";
            String changed = first ? "" : Arrays.equals(original, t.getValue()) ? "no: not in the signed data" : "yes";
            rows.add(new String[] {t.getKey(), t.getValue().length + " bytes", changed, meaning});
            first = false;
        }
        return Tables.rows("ServerKeyExchange signature (" + SignatureScheme.nameOf(ske.signatureScheme()) + "): change one value, check again",
                List.of("value changed", "signed data", "signed data different?", "the server's signature"), rows);
    }

    private static byte[] flip(byte[] b) {
        byte[] c = b.clone();
        c[c.length - 1] ^= 1;
        return c;
    }

    /**
     * Several runs' message sequences side by side: one row per message (with its direction), a cell
     * per run with the message's size, or "–" where that run has no such message.
     */
    public static Table compare(Map<String, Transcript> runs) {
        List<String> keys = new ArrayList<>();
        List<Map<String, Integer>> sizes = new ArrayList<>();
        for (Transcript t : runs.values()) {
            Map<String, Integer> mine = new LinkedHashMap<>();
            String previous = null;
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (Entry e : t.entries()) {
                if (e.name().equals("ApplicationData") || e.name().startsWith("Alert")) continue;
                String base = e.direction().arrow + "  " + e.name();
                int n = seen.merge(base, 1, Integer::sum);
                String key = n == 1 ? base : base + " (" + n + ")";
                mine.put(key, e.bytes().length);
                if (!keys.contains(key)) keys.add(previous == null ? 0 : keys.indexOf(previous) + 1, key);
                previous = key;
            }
            sizes.add(mine);
        }
        List<String> headers = new ArrayList<>(List.of("#", "direction", "message"));
        headers.addAll(runs.keySet());
        List<String[]> rows = new ArrayList<>();
        int i = 1;
        for (String k : keys) {
            String[] row = new String[headers.size()];
            row[0] = String.valueOf(i++);
            row[1] = k.substring(0, k.indexOf("  "));
            row[2] = k.substring(k.indexOf("  ") + 2);
            for (int r = 0; r < sizes.size(); r++) {
                Integer n = sizes.get(r).get(k);
                row[3 + r] = n == null ? "–" : n + (n == 1 ? " byte" : " bytes");
            }
            rows.add(row);
        }
        String[] total = new String[headers.size()];
        total[2] = "messages";
        for (int r = 0; r < sizes.size(); r++) total[3 + r] = String.valueOf(sizes.get(r).size());
        rows.add(total);
        return Tables.rows("the handshakes side by side", headers, rows);
    }
}
