package tlslab.handshake;

import java.util.ArrayList;
import java.util.List;

import tlslab.alert.AlertDescription;
import tlslab.wire.DecodeException;
import tlslab.wire.ProtocolVersion;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * supported_versions (RFC 8446 §4.2.1): how TLS 1.3 is negotiated. The hellos' legacy_version stays
 * 0x0303 so that old middleboxes let them through; the real versions travel here.
 * <pre>
 *   ClientHello:                    ProtocolVersion versions<2..254>;
 *   ServerHello, HelloRetryRequest: ProtocolVersion selected_version;
 * </pre>
 */
public final class SupportedVersions {
    private SupportedVersions() {
    }

    /** The client's list, most preferred first. */
    public static Extension offered(List<Integer> versions) {
        return new Extension(Extension.SUPPORTED_VERSIONS, new Writer().vector8(w -> versions.forEach(w::u16)).toByteArray());
    }

    public static Extension selected(int version) {
        return new Extension(Extension.SUPPORTED_VERSIONS, new Writer().u16(version).toByteArray());
    }

    static List<Integer> readVersions(Reader r) throws DecodeException {
        Reader list = r.vector8("versions", 2, 254);
        if (list.remaining() % 2 != 0) {
            throw list.error(AlertDescription.DECODE_ERROR, "length", "odd length for a list of 2-byte versions");
        }
        List<Integer> versions = new ArrayList<>();
        while (list.hasRemaining()) {
            versions.add(list.u16("[" + versions.size() + "]"));
            list.note(ProtocolVersion.name(versions.get(versions.size() - 1)));
        }
        return versions;
    }

    /** A server that selects a version before TLS 1.3 here is wrong: illegal_parameter (§4.2.1). */
    static int readSelectedVersion(Reader r) throws DecodeException {
        int version = r.u16("selected_version");
        r.note(ProtocolVersion.name(version));
        if (version < ProtocolVersion.TLS13) {
            throw r.error(AlertDescription.ILLEGAL_PARAMETER, "selected_version",
                    ProtocolVersion.nameAndCode(version) + " is before TLS 1.3: versions before it are chosen by legacy_version");
        }
        return version;
    }
}
