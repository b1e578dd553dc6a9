package tlslab.handshake;

import java.security.cert.CertificateEncodingException;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import tlslab.crypto.NamedGroup;
import tlslab.engine.TestPki;
import tlslab.wire.DecodeException;
import tlslab.wire.Field;

/**
 * jqwik generators of structurally valid handshake messages: every vector within its RFC 5246
 * limits (session_id 0..32 bytes, cipher_suites 1..2^15-1 codes, ...). Sizes stay well below those
 * limits so a thousand tries take milliseconds; HandshakeRoundTripTest checks the limits themselves.
 */
public final class Messages {
    private Messages() {
    }

    public static HandshakeMessage decode(byte[] message) throws DecodeException {
        return Handshake.decode(message);
    }

    /** Without a key exchange: a ClientKeyExchange's body shows as one field. */
    public static List<Field> explain(byte[] message) throws DecodeException {
        return Handshake.explain(message, null);
    }

    public static Arbitrary<HandshakeMessage> any() {
        return Arbitraries.oneOf(List.of(clientHellos(), serverHellos(), certificates(), serverKeyExchanges(),
                certificateRequests(), Arbitraries.just(new ServerHelloDone()), certificateVerifies(), finisheds(),
                Arbitraries.just(new HelloRequest()), clientKeyExchanges()));
    }

    /** Either body: an RSA-encrypted pre-master secret (0..2^16-1 bytes, here up to 300) or an ECDHE point (1..255). */
    public static Arbitrary<ClientKeyExchange> clientKeyExchanges() {
        return Arbitraries.oneOf(bytes(0, 300).map(ClientKeyExchange::rsa), bytes(1, 255).map(ClientKeyExchange::ecdhe));
    }

    public static Arbitrary<ClientHello> clientHellos() {
        return Combinators.combine(u16(), bytes(32, 32), bytes(0, 32), u16().list().ofMinSize(1).ofMaxSize(40),
                bytes(1, 255), extensions()).as(ClientHello::new);
    }

    public static Arbitrary<ServerHello> serverHellos() {
        return Combinators.combine(u16(), bytes(32, 32), bytes(0, 32), u16(), Arbitraries.integers().between(0, 255),
                extensions()).as(ServerHello::new);
    }

    /** Chains drawn from the lab PKI's three certificates: the decoder only frames them, but explain parses them. */
    public static Arbitrary<CertificateMessage> certificates() {
        try {
            List<byte[]> der = List.of(TestPki.SERVER_CERT.getEncoded(), TestPki.CA.certificate().getEncoded(),
                    TestPki.CLIENT_CERT.getEncoded());
            return Arbitraries.of(der).list().ofMaxSize(3).map(CertificateMessage::new);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Arbitrary<ServerKeyExchange> serverKeyExchanges() {
        return Combinators.combine(u16(), bytes(1, 255), u16(), bytes(0, 300)).as(ServerKeyExchange::new);
    }

    public static Arbitrary<CertificateRequest> certificateRequests() {
        return Combinators.combine(bytes(1, 16), u16().list().ofMinSize(1).ofMaxSize(20),
                bytes(1, 60).list().ofMaxSize(4)).as(CertificateRequest::new);
    }

    public static Arbitrary<CertificateVerify> certificateVerifies() {
        return Combinators.combine(u16(), bytes(0, 300)).as(CertificateVerify::new);
    }

    public static Arbitrary<Finished> finisheds() {
        return bytes(12, 12).map(Finished::new);
    }

    /**
     * Up to 6 extensions, no type twice (the decoder rejects repeats): well-formed ones this library
     * reads, so HelloExtensions gets exercised too, and opaque ones of any type.
     */
    public static Arbitrary<List<Extension>> extensions() {
        Arbitrary<Extension> opaque = Combinators.combine(u16(), bytes(0, 40)).as(Extension::new);
        return Arbitraries.oneOf(List.of(opaque, knownExtensions())).list().ofMaxSize(6).uniqueElements(Extension::type);
    }

    /** The extensions HelloExtensions reads, well formed. */
    public static Arbitrary<Extension> knownExtensions() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-').ofMinLength(1).ofMaxLength(30)
                        .map(Extension::serverName),
                Arbitraries.of(NamedGroup.class).list().ofMinSize(1).ofMaxSize(2).map(Extension::supportedGroups),
                u16().list().ofMinSize(1).ofMaxSize(8).map(Extension::signatureAlgorithms),
                Arbitraries.just(Extension.ecPointFormats()),
                Arbitraries.just(Extension.renegotiationInfo())));
    }

    static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xffff);
    }

    static Arbitrary<byte[]> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }
}
