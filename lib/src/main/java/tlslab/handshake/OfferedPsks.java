package tlslab.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import tlslab.alert.AlertDescription;
import tlslab.wire.DecodeException;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * The ClientHello's pre_shared_key (RFC 8446 §4.2.11): the PSKs offered and, for each, a binder:
 * an HMAC over the ClientHello up to the binders, which ties the PSK to this hello. The binders
 * come last in the last extension, so the hello can be hashed without them first.
 * <pre>
 *   opaque PskBinderEntry<32..255>;
 *   struct {
 *       PskIdentity identities<7..2^16-1>;
 *       PskBinderEntry binders<33..2^16-1>;
 *   } OfferedPsks;
 * </pre>
 */
public record OfferedPsks(List<PskIdentity> identities, List<byte[]> binders) {

    public Extension toExtension() {
        Writer w = new Writer();
        w.vector16(v -> identities.forEach(i -> i.write(v)));
        w.vector16(v -> binders.forEach(v::opaque8));
        return new Extension(Extension.PRE_SHARED_KEY, w.toByteArray());
    }

    /**
     * Bytes the binders list takes at the end of the ClientHello, its 2-byte length included: the
     * "truncated" ClientHello that binders are computed over is the message without them (§4.2.11.2).
     */
    public int bindersLength() {
        int n = 2;
        for (byte[] b : binders) n += 1 + b.length;
        return n;
    }

    /** Every identity needs its binder: a missing one cannot validate (§4.2.11), so illegal_parameter. */
    static OfferedPsks read(Reader r) throws DecodeException {
        Reader ids = r.vector16("identities", 7, 0xffff);
        List<PskIdentity> identities = new ArrayList<>();
        while (ids.hasRemaining()) identities.add(PskIdentity.read(ids, "[" + identities.size() + "]"));
        Reader list = r.vector16("binders", 33, 0xffff);
        List<byte[]> binders = new ArrayList<>();
        while (list.hasRemaining()) {
            binders.add(list.opaque8("[" + binders.size() + "]", 32, 255));
            list.note("HMAC(binder_key, Transcript-Hash(truncated ClientHello))");
        }
        if (binders.size() != identities.size()) {
            throw r.error(AlertDescription.ILLEGAL_PARAMETER, "binders",
                    binders.size() + " binder(s) for " + identities.size() + " identit(ies): one each");
        }
        return new OfferedPsks(identities, binders);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OfferedPsks p && Objects.equals(identities, p.identities) && ByteLists.equal(binders, p.binders);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(identities) + ByteLists.hash(binders);
    }

    @Override
    public String toString() {
        return "OfferedPsks{identities=" + identities + ", " + binders.size() + " binder(s)}";
    }
}
