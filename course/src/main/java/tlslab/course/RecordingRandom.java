package tlslab.course;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.GeneralSecurityException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import tlslab.crypto.NamedGroup;
import tlslab.crypto.RandomSource;

/**
 * A random source that keeps a copy of every byte it hands out. The TLS engine erases nothing from
 * it and exposes no ephemeral private key, but the JDK makes an x25519 private key from exactly 32
 * bytes of the random source it is given (RFC 7748 §6.1: any 32 bytes are a key), so with this recorder a
 * notebook can find the key a handshake used and redo its Diffie–Hellman. For teaching only: a
 * random source someone else can read or replay is exactly what forward secrecy must not have.
 */
public final class RecordingRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    /** The x25519 base point u = 9, as 32 little-endian bytes. */
    static final byte[] BASE_POINT = basePoint();

    private final SecureRandom inner;
    private final List<byte[]> chunks = Collections.synchronizedList(new ArrayList<>());

    public RecordingRandom(SecureRandom inner) {
        super(new byte[0]);
        this.inner = inner;
    }

    /** A recorder around {@link RandomSource#seeded}: reproducible, like the rest of the lab. */
    public static RecordingRandom seeded(String seed) {
        return new RecordingRandom(RandomSource.seeded(seed));
    }

    @Override
    public void nextBytes(byte[] out) {
        inner.nextBytes(out);
        chunks.add(out.clone());
    }

    @Override
    public byte[] generateSeed(int n) {
        byte[] b = new byte[n];
        nextBytes(b);
        return b;
    }

    @Override
    public void setSeed(long ignored) {
        // the inner source decides; SecureRandom's constructor calls this before inner is set
    }

    /** Every chunk handed out so far, in order. */
    public List<byte[]> chunks() {
        synchronized (chunks) {
            return chunks.stream().map(byte[]::clone).toList();
        }
    }

    /**
     * The x25519 private key among the recorded 32-byte chunks whose public key, X25519(k, 9), is
     * {@code publicShare} (the key_exchange bytes of a key share), or null if none is.
     */
    public PrivateKey x25519KeyFor(byte[] publicShare) {
        for (byte[] chunk : chunks()) {
            if (chunk.length != 32) continue;
            PrivateKey k = x25519PrivateKey(chunk);
            if (Arrays.equals(x25519PublicOf(k), publicShare)) return k;
        }
        return null;
    }

    /** An x25519 private key from its 32 bytes (the scalar before RFC 7748's clamping). */
    public static PrivateKey x25519PrivateKey(byte[] scalar) {
        try {
            return KeyFactory.getInstance("XDH").generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("x25519 unavailable in this JDK", e);
        }
    }

    /** The public key of {@code k} on the wire: X25519(k, 9), i.e. Diffie–Hellman with the base point. */
    public static byte[] x25519PublicOf(PrivateKey k) {
        try {
            return NamedGroup.X25519.agree(k, NamedGroup.X25519.decode(BASE_POINT));
        } catch (tlslab.alert.TlsException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] basePoint() {
        byte[] b = new byte[32];
        b[0] = 9;
        return b;
    }

    /** The raw 32 bytes of an x25519 private key made by {@link #x25519PrivateKey}. */
    public static byte[] scalarOf(PrivateKey k) {
        return ((java.security.interfaces.XECPrivateKey) k).getScalar().orElseThrow();
    }
}
