package tlslab.crypto.tls13;

import tlslab.crypto.Hash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;

import tlslab.crypto.NamedGroup;
import tlslab.crypto.tls13.Rfc8448Trace.Step;
import tlslab.wire.Hex;

/** Checks of one RFC 8448 step against the key schedule, shared by the §3 and §4 tests. */
final class TraceChecks {
    private TraceChecks() {
    }

    /** A Derive-Secret step: its PRK, transcript hash and HkdfLabel are our inputs, its output ours. */
    static void checkDerive(Hash hash, Step step, byte[] secret, byte[] transcriptHash, String label, byte[] derived) {
        assertHex(step.value("PRK"), secret, step + " PRK");
        assertHex(step.value("hash"), transcriptHash, step + " hash");
        assertHex(step.value("info"), Hkdf.hkdfLabel(hash.length(), label, transcriptHash), step + " info");
        assertHex(step.value("expanded"), derived, step + " expanded");
    }

    /** A traffic key step: "key" and "iv" from the traffic secret (RFC 8446 §7.3). */
    static void checkKeys(Tls13CipherSuite suite, Step step, byte[] trafficSecret) {
        TrafficKeys keys = TrafficKeys.derive(suite, trafficSecret);
        assertHex(step.value("PRK"), trafficSecret, step + " PRK");
        assertHex(step.value("key info"), Hkdf.hkdfLabel(suite.keyLength, "key", new byte[0]), step + " key info");
        assertHex(step.value("key expanded"), keys.key(), step + " key");
        assertHex(step.value("iv info"), Hkdf.hkdfLabel(Tls13CipherSuite.IV_LENGTH, "iv", new byte[0]), step + " iv info");
        assertHex(step.value("iv expanded"), keys.iv(), step + " iv");
    }

    /** A "calculate finished" step: finished_key ("expanded") and verify_data ("finished"). */
    static byte[] checkFinished(Hash hash, Step step, byte[] baseKey, byte[] transcriptHash) {
        byte[] verifyData = VerifyData.verifyData(hash, baseKey, transcriptHash);
        assertHex(step.value("PRK"), baseKey, step + " PRK");
        assertHex(step.value("info"), Hkdf.hkdfLabel(hash.length(), "finished", new byte[0]), step + " info");
        assertHex(step.value("expanded"), VerifyData.finishedKey(hash, baseKey), step + " finished_key");
        assertHex(step.value("finished"), verifyData, step + " verify_data");
        return verifyData;
    }

    /** The server's "c hs traffic" and "s hs traffic" steps, and its handshake write keys. */
    static void checkHandshakeTrafficSecrets(Rfc8448Trace trace, String section, Tls13CipherSuite suite,
                                                 byte[] handshakeSecret, byte[] helloHash) {
        Hash hash = suite.hash;
        byte[] chts = SecretSchedule.clientHandshakeTrafficSecret(hash, handshakeSecret, helloHash);
        byte[] shts = SecretSchedule.serverHandshakeTrafficSecret(hash, handshakeSecret, helloHash);
        checkDerive(hash, trace.step(section, "server", "derive secret \"tls13 c hs traffic\""), handshakeSecret,
                helloHash, "c hs traffic", chts);
        checkDerive(hash, trace.step(section, "server", "derive secret \"tls13 s hs traffic\""), handshakeSecret,
                helloHash, "s hs traffic", shts);
        checkKeys(suite, trace.step(section, "server", "derive write traffic keys for handshake data"), shts);
    }

    /** The server's "c ap traffic", "s ap traffic" and "exp master" steps, and both sides' application write keys. */
    static void checkApplicationSecrets(Rfc8448Trace trace, String section, Tls13CipherSuite suite,
                                        byte[] masterSecret, byte[] serverFinishedHash) {
        Hash hash = suite.hash;
        byte[] cats = SecretSchedule.clientApplicationTrafficSecret0(hash, masterSecret, serverFinishedHash);
        byte[] sats = SecretSchedule.serverApplicationTrafficSecret0(hash, masterSecret, serverFinishedHash);
        checkDerive(hash, trace.step(section, "server", "derive secret \"tls13 c ap traffic\""), masterSecret,
                serverFinishedHash, "c ap traffic", cats);
        checkDerive(hash, trace.step(section, "server", "derive secret \"tls13 s ap traffic\""), masterSecret,
                serverFinishedHash, "s ap traffic", sats);
        checkDerive(hash, trace.step(section, "server", "derive secret \"tls13 exp master\""), masterSecret,
                serverFinishedHash, "exp master", SecretSchedule.exporterMasterSecret(hash, masterSecret, serverFinishedHash));
        checkKeys(suite, trace.step(section, "server", "derive write traffic keys for application data"), sats);
        checkKeys(suite, trace.step(section, "client", "derive write traffic keys for application data"), cats);
    }

    static void assertHex(byte[] expected, byte[] actual, String what) {
        assertEquals(Hex.of(expected), Hex.of(actual), what);
    }

    /** x25519(mine's private key, theirs' public key), both as the trace prints them (RFC 7748 encodings). */
    static byte[] x25519SharedSecret(Step mine, Step theirs) throws Exception {
        PrivateKey privateKey = KeyFactory.getInstance("XDH")
                .generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, mine.value("private key")));
        return NamedGroup.X25519.agree(privateKey, NamedGroup.X25519.decode(theirs.value("public key")));
    }
}
