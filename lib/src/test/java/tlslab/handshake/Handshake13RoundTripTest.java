package tlslab.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import tlslab.alert.AlertDescription;
import tlslab.crypto.NamedGroup;
import tlslab.wire.DecodeException;
import tlslab.wire.Field;
import tlslab.wire.ProtocolVersion;

/**
 * decode13 is the inverse of encode for every TLS 1.3 message, explain13 accounts for every byte
 * exactly once, and the typed extension values read back what was written. The examples below
 * check the errors RFC 8446 names for malformed or misplaced extensions.
 */
class Handshake13RoundTripTest {

    @Property(tries = 500)
    void anyMessage(@ForAll("messages") HandshakeMessage m) throws Exception {
        roundTrip(m);
    }

    /** What the helpers build, Tls13Extensions reads back. */
    @Property(tries = 200)
    void typedExtensionsReadBackWhatWasWritten(@ForAll("shares") List<KeyShareEntry> shares, @ForAll("psks") OfferedPsks psks)
            throws Exception {
        List<Extension> ext = List.of(SupportedVersions.offered(List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12)),
                KeyShare.clientShares(shares), PskKeyExchangeModes.of(List.of(PskKeyExchangeModes.PSK_DHE_KE)), psks.toExtension());
        ClientHello hello = new ClientHello(0x0303, new byte[32], new byte[0], List.of(0x1301), new byte[1], ext);
        Tls13Extensions x = Tls13Extensions.of((ClientHello) Handshake.decode13(hello.encode()));
        assertEquals(List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12), x.supportedVersions());
        assertEquals(shares, x.clientShares());
        assertEquals(psks, x.offeredPsks());
        assertEquals(List.of(PskKeyExchangeModes.PSK_DHE_KE), x.pskKeyExchangeModes());
        assertFalse(x.earlyData());
    }

    @Example
    void emptyMessagesAndEmptyLists() throws Exception {
        roundTrip(new EndOfEarlyData());
        roundTrip(new EncryptedExtensions(List.of()));
        roundTrip(new CertificateMessage13(new byte[0], List.of()));
        assertArrayEquals(new byte[] {8, 0, 0, 2, 0, 0}, new EncryptedExtensions(List.of()).encode());
    }

    @Example
    void versionSpecificTypesAreUnexpectedInTheOtherVersion() {
        DecodeException e = assertThrows(DecodeException.class, () -> Handshake.decode(new KeyUpdate(0).encode()));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
        assertEquals("KeyUpdate.msg_type at byte 0: KeyUpdate is not a TLS 1.2 message", e.getMessage());
        e = assertThrows(DecodeException.class, () -> Handshake.decode13(new ServerHelloDone().encode()));
        assertEquals("ServerHelloDone.msg_type at byte 0: ServerHelloDone is not a TLS 1.3 message", e.getMessage());
    }

    @Example
    void malformedAndMisplacedExtensions() {
        // a ClientHello's extensions start at byte 47 (header 4, legacy_version 2, random 32, session_id 1,
        // cipher_suites 4, compression 2, extensions length 2), a ServerHello's at 44; errors point after the field read
        assertError("ClientHello.extensions[0] at byte 97: pre_shared_key must be the last extension (RFC 8446 §4.2.11)",
                AlertDescription.ILLEGAL_PARAMETER, hello(onePsk().toExtension(), Cookie.of(new byte[1])));
        assertError("ServerHello.extensions[0].extension_type at byte 46: early_data may not appear in ServerHello (RFC 8446 §4.2)",
                AlertDescription.ILLEGAL_PARAMETER, serverHello(EarlyData.indication(), SupportedVersions.selected(0x0304)));
        assertError("ServerHello.extensions[0].supported_versions.selected_version at byte 50: TLS 1.2 (0x0303) is before TLS 1.3: "
                        + "versions before it are chosen by legacy_version",
                AlertDescription.ILLEGAL_PARAMETER, serverHello(SupportedVersions.selected(0x0303)));
        KeyShareEntry x25519 = new KeyShareEntry(NamedGroup.X25519.id, new byte[32]);
        assertError("ClientHello.extensions[0].key_share.client_shares[1] at byte 125: a second share for x25519: one per group (RFC 8446 §4.2.8)",
                AlertDescription.ILLEGAL_PARAMETER, hello(KeyShare.clientShares(List.of(x25519, x25519))));
        OfferedPsks twoIdentities = new OfferedPsks(List.of(new PskIdentity(new byte[1], 0), new PskIdentity(new byte[1], 0)),
                List.of(new byte[32]));
        assertError("ClientHello.extensions[0].pre_shared_key.binders at byte 102: 1 binder(s) for 2 identit(ies): one each",
                AlertDescription.ILLEGAL_PARAMETER, hello(twoIdentities.toExtension()));
        assertError("ClientHello.extensions[0].early_data.end at byte 51: 1 unexpected trailing byte(s)",
                AlertDescription.DECODE_ERROR, hello(new Extension(Extension.EARLY_DATA, new byte[1]), SupportedVersions.offered(List.of(0x0304))));
    }

    @Example
    void malformedMessages() {
        assertError("KeyUpdate.request_update at byte 5: KeyUpdateRequest 2 is neither update_not_requested (0) nor update_requested (1)",
                AlertDescription.ILLEGAL_PARAMETER, new KeyUpdate(2).encode());
        assertError("Finished.verify_data at byte 4: 12 bytes: Hash.length is 32 (SHA-256) or 48 (SHA-384)",
                AlertDescription.DECODE_ERROR, new Finished(new byte[12]).encode());
        assertError("CertificateRequest.extensions at byte 5: length 0 outside the allowed 2..65535",
                AlertDescription.DECODE_ERROR, new CertificateRequest13(new byte[0], List.of()).encode());
        // a TLS 1.2 CertificateRequest is not a TLS 1.3 one
        byte[] v12 = new CertificateRequest(new byte[] {1}, List.of(0x0401), List.of()).encode();
        assertThrows(DecodeException.class, () -> Handshake.decode13(v12));
    }

    @Example
    void helloRetryRequestIsMarkedByItsRandom() {
        ServerHello hrr = ServerHello.helloRetryRequest(new byte[0], 0x1301, List.of(SupportedVersions.selected(0x0304)));
        assertTrue(hrr.isHelloRetryRequest());
        assertTrue(hrr.toString().startsWith("HelloRetryRequest{"), hrr.toString());
        assertFalse(new ServerHello(0x0303, new byte[32], new byte[0], 0x1301, 0, List.of()).isHelloRetryRequest());
    }

    private static void assertError(String message, AlertDescription alert, byte[] bytes) {
        DecodeException e = assertThrows(DecodeException.class, () -> Handshake.decode13(bytes));
        assertEquals(message, e.getMessage());
        assertEquals(alert, e.alert());
        DecodeException again = assertThrows(DecodeException.class, () -> Handshake.explain13(bytes));
        assertEquals(message, again.getMessage());
    }

    private static byte[] hello(Extension... extensions) {
        return new ClientHello(0x0303, new byte[32], new byte[0], List.of(0x1301), new byte[1], List.of(extensions)).encode();
    }

    private static byte[] serverHello(Extension... extensions) {
        return new ServerHello(0x0303, new byte[32], new byte[0], 0x1301, 0, List.of(extensions)).encode();
    }

    private static OfferedPsks onePsk() {
        return new OfferedPsks(List.of(new PskIdentity(new byte[] {1, 2, 3}, 7)), List.of(new byte[32]));
    }

    static void roundTrip(HandshakeMessage m) throws DecodeException {
        byte[] bytes = m.encode();
        HandshakeMessage decoded = Handshake.decode13(bytes);
        assertEquals(m, decoded);
        assertEquals(m.hashCode(), decoded.hashCode());
        assertArrayEquals(bytes, decoded.encode());
        assertFalse(decoded.toString().contains("[B@"), decoded::toString);
        int next = 0;
        for (Field f : Handshake.explain13(bytes)) {
            assertEquals(next, f.offset(), () -> f.name() + " should start where the field before it ended");
            next += f.length();
        }
        assertEquals(bytes.length, next, "explain13 should cover the whole message");
    }

    @Provide
    Arbitrary<HandshakeMessage> messages() {
        return Messages13.any();
    }

    @Provide
    Arbitrary<List<KeyShareEntry>> shares() {
        return Messages13.keyShareEntries().list().ofMaxSize(3).uniqueElements(KeyShareEntry::group);
    }

    @Provide
    Arbitrary<OfferedPsks> psks() {
        return Messages13.offeredPsks();
    }
}
