package tlslab.handshake;

import java.util.List;

import tlslab.wire.DecodeException;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * EncryptedExtensions (RFC 8446 §4.3.1): the server's answers that need not be in the clear, sent
 * right after ServerHello under the handshake keys. In TLS 1.2 these rode in the ServerHello for
 * anyone on the path to read; 1.3 leaves only what the key exchange needs there.
 * <pre>
 *   struct { Extension extensions<0..2^16-1>; } EncryptedExtensions;
 * </pre>
 */
public record EncryptedExtensions(List<Extension> extensions) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.ENCRYPTED_EXTENSIONS;
    }

    @Override
    public void writeBody(Writer w) {
        Extension.writeList(w, extensions);
    }

    static EncryptedExtensions read(Reader r) throws DecodeException {
        return new EncryptedExtensions(Tls13Extensions.readList(r, "extensions", ExtensionContext.ENCRYPTED_EXTENSIONS, 0, 0xffff));
    }

    @Override
    public String toString() {
        return "EncryptedExtensions{" + extensions.stream().map(e -> Extension.shortName(e.type())).toList() + "}";
    }
}
