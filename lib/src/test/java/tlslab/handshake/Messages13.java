package tlslab.handshake;

import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import tlslab.engine.TestPki;
import tlslab.wire.DecodeException;
import tlslab.wire.Field;

/**
 * jqwik generators of structurally valid TLS 1.3 handshake messages (RFC 8446 §4): every vector
 * within its limits, each extension only in a message §4.2 allows it in, the typed ones well
 * formed and pre_shared_key last in a ClientHello. Unknown extensions get types §4.2's table does
 * not list. Sizes stay small so a thousand tries take milliseconds.
 */
public final class Messages13 {
    private Messages13() {
    }

    public static HandshakeMessage decode(byte[] message) throws DecodeException {
        return Handshake.decode13(message);
    }

    public static List<Field> explain(byte[] message) throws DecodeException {
        return Handshake.explain13(message);
    }

    public static Arbitrary<HandshakeMessage> any() {
        return Arbitraries.oneOf(List.of(clientHellos(), serverHellos(), helloRetryRequests(), encryptedExtensions(),
                certificates(), certificateRequests(), Messages.certificateVerifies(), finisheds(), newSessionTickets(),
                keyUpdates(), Arbitraries.just(new EndOfEarlyData()), messageHashes()));
    }

    public static Arbitrary<ClientHello> clientHellos() {
        return Combinators.combine(Messages.u16(), Messages.bytes(32, 32), Messages.bytes(0, 32),
                Messages.u16().list().ofMinSize(1).ofMaxSize(10), Messages.bytes(1, 4), clientHelloExtensions())
                .as(ClientHello::new);
    }

    public static Arbitrary<ServerHello> serverHellos() {
        Arbitrary<List<Extension>> extensions = withFirst(selectedVersions(),
                List.of(keyShareEntries().map(KeyShare::serverShare), Messages.u16().map(PreSharedKey::selectedIdentity)));
        return Combinators.combine(Messages.u16(), Messages.bytes(32, 32), Messages.bytes(0, 32), Messages.u16(),
                Arbitraries.integers().between(0, 255), extensions).as(ServerHello::new);
    }

    public static Arbitrary<ServerHello> helloRetryRequests() {
        Arbitrary<List<Extension>> extensions = withFirst(selectedVersions(),
                List.of(Messages.u16().map(KeyShare::selectedGroup), cookies()));
        return Combinators.combine(Messages.bytes(0, 32), Messages.u16(), extensions).as(ServerHello::helloRetryRequest);
    }

    public static Arbitrary<EncryptedExtensions> encryptedExtensions() {
        return extensions(List.of(supportedGroups(), Arbitraries.just(EarlyData.indication()), opaque(0))).map(EncryptedExtensions::new);
    }

    /** Entries drawn from the lab PKI's certificates, with status_request-like opaque extensions. */
    public static Arbitrary<CertificateMessage13> certificates() {
        try {
            List<byte[]> der = List.of(TestPki.SERVER_CERT.getEncoded(), TestPki.CA.certificate().getEncoded(),
                    TestPki.CLIENT_CERT.getEncoded());
            Arbitrary<CertificateEntry> entry = Combinators.combine(Arbitraries.of(der),
                    extensions(List.of(opaque(5), opaque(18)))).as(CertificateEntry::new);
            return Combinators.combine(Messages.bytes(0, 8), entry.list().ofMaxSize(3)).as(CertificateMessage13::new);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** signature_algorithms always (RFC 8446 §4.3.2 requires it), others sometimes. */
    public static Arbitrary<CertificateRequest13> certificateRequests() {
        Arbitrary<List<Extension>> extensions = withFirst(signatureAlgorithms(Extension.SIGNATURE_ALGORITHMS),
                List.of(signatureAlgorithms(Extension.SIGNATURE_ALGORITHMS_CERT), opaque(47), opaque(48)));
        return Combinators.combine(Messages.bytes(0, 8), extensions).as(CertificateRequest13::new);
    }

    public static Arbitrary<NewSessionTicket> newSessionTickets() {
        Arbitrary<List<Extension>> extensions = extensions(List.of(u32().map(EarlyData::maxEarlyDataSize), opaque(0xfe00)));
        return Combinators.combine(u32(), u32(), Messages.bytes(0, 32), Messages.bytes(1, 64), extensions).as(NewSessionTicket::new);
    }

    public static Arbitrary<KeyUpdate> keyUpdates() {
        return Arbitraries.of(KeyUpdate.UPDATE_NOT_REQUESTED, KeyUpdate.UPDATE_REQUESTED).map(KeyUpdate::new);
    }

    /** Hash.length bytes: 32 or 48. */
    public static Arbitrary<Finished> finisheds() {
        return Arbitraries.of(32, 48).flatMap(n -> Messages.bytes(n, n)).map(Finished::new);
    }

    public static Arbitrary<MessageHash> messageHashes() {
        return Arbitraries.of(32, 48).flatMap(n -> Messages.bytes(n, n)).map(MessageHash::new);
    }

    /** supported_versions and key_share always; pre_shared_key, when there, last. */
    public static Arbitrary<List<Extension>> clientHelloExtensions() {
        Arbitrary<Extension> versions = Messages.u16().list().ofMinSize(1).ofMaxSize(5).map(SupportedVersions::offered);
        Arbitrary<Extension> shares = keyShareEntries().list().ofMaxSize(3).uniqueElements(KeyShareEntry::group).map(KeyShare::clientShares);
        Arbitrary<Extension> modes = Arbitraries.integers().between(0, 255).list().ofMinSize(1).ofMaxSize(3).map(PskKeyExchangeModes::of);
        Arbitrary<List<Extension>> required = Combinators.combine(versions, shares).as(List::of);
        Arbitrary<List<Extension>> optional = extensions(List.of(modes, cookies(), offeredPsks().map(OfferedPsks::toExtension),
                Arbitraries.just(EarlyData.indication()), signatureAlgorithms(Extension.SIGNATURE_ALGORITHMS),
                signatureAlgorithms(Extension.SIGNATURE_ALGORITHMS_CERT), supportedGroups(), opaque(21)));
        return Combinators.combine(required, optional).as((r, o) -> {
            List<Extension> all = new ArrayList<>(r);
            all.addAll(o);
            all.sort(Comparator.comparing(e -> e.type() == Extension.PRE_SHARED_KEY));   // stable: only moves the PSK last
            return all;
        });
    }

    public static Arbitrary<OfferedPsks> offeredPsks() {
        Arbitrary<PskIdentity> identity = Combinators.combine(Messages.bytes(1, 40), u32()).as(PskIdentity::new);
        return Arbitraries.integers().between(1, 3).flatMap(n -> Combinators.combine(identity.list().ofSize(n),
                Messages.bytes(32, 48).list().ofSize(n)).as(OfferedPsks::new));
    }

    static Arbitrary<KeyShareEntry> keyShareEntries() {
        return Combinators.combine(Messages.u16(), Messages.bytes(1, 97)).as(KeyShareEntry::new);
    }

    /** TLS 1.3 or later: a ServerHello selecting an earlier version is refused. */
    static Arbitrary<Extension> selectedVersions() {
        return Arbitraries.integers().between(0x0304, 0xffff).map(SupportedVersions::selected);
    }

    static Arbitrary<Extension> cookies() {
        return Messages.bytes(1, 40).map(Cookie::of);
    }

    static Arbitrary<Extension> supportedGroups() {
        return codes(Extension.SUPPORTED_GROUPS);
    }

    static Arbitrary<Extension> signatureAlgorithms(int type) {
        return codes(type);
    }

    private static Arbitrary<Extension> codes(int type) {
        return Messages.u16().list().ofMinSize(1).ofMaxSize(8).map(c -> new Extension(type,
                new tlslab.wire.Writer().vector16(w -> c.forEach(w::u16)).toByteArray()));
    }

    /**
     * Opaque data under a type RFC 8446 §4.2 does not list, or under {@code allowed}: a type the
     * message may carry whose body this library keeps opaque (server_name in EncryptedExtensions,
     * status_request in a CertificateEntry, ...).
     */
    static Arbitrary<Extension> opaque(int allowed) {
        Arbitrary<Integer> type = Arbitraries.oneOf(List.of(Arbitraries.just(allowed),
                Messages.u16().filter(t -> ExtensionContext.allowedIn(t) == null)));
        return Combinators.combine(type, Messages.bytes(0, 30)).as(Extension::new);
    }

    /** Up to 5 of {@code options}, no type twice. */
    static Arbitrary<List<Extension>> extensions(List<Arbitrary<Extension>> options) {
        return Arbitraries.oneOf(options).list().ofMaxSize(5).uniqueElements(Extension::type);
    }

    /** {@code first}, then some of {@code options} of other types. */
    private static Arbitrary<List<Extension>> withFirst(Arbitrary<Extension> first, List<Arbitrary<Extension>> options) {
        List<Arbitrary<Extension>> more = new ArrayList<>(options);
        more.add(opaque(0xfe00));
        return Combinators.combine(first, extensions(more)).as((f, rest) -> {
            List<Extension> all = new ArrayList<>(List.of(f));
            rest.stream().filter(e -> e.type() != f.type()).forEach(all::add);
            return all;
        });
    }

    static Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xffffffffL);
    }
}
