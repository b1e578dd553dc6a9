package tlslab.handshake;

import java.util.ArrayList;
import java.util.List;

import tlslab.alert.AlertDescription;
import tlslab.crypto.NamedGroup;
import tlslab.wire.DecodeException;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * key_share (RFC 8446 §4.2.8): the Diffie-Hellman public keys. Its body depends on the message:
 * <pre>
 *   struct { KeyShareEntry client_shares<0..2^16-1>; } KeyShareClientHello;
 *   struct { NamedGroup selected_group; }             KeyShareHelloRetryRequest;
 *   struct { KeyShareEntry server_share; }             KeyShareServerHello;
 * </pre>
 * A client may send no shares at all and let the server pick a group by HelloRetryRequest.
 */
public final class KeyShare {
    private KeyShare() {
    }

    public static Extension clientShares(List<KeyShareEntry> shares) {
        return new Extension(Extension.KEY_SHARE, new Writer().vector16(w -> shares.forEach(s -> s.write(w))).toByteArray());
    }

    public static Extension serverShare(KeyShareEntry share) {
        Writer w = new Writer();
        share.write(w);
        return new Extension(Extension.KEY_SHARE, w.toByteArray());
    }

    /** The HelloRetryRequest form: "send me a share in this group". */
    public static Extension selectedGroup(int group) {
        return new Extension(Extension.KEY_SHARE, new Writer().u16(group).toByteArray());
    }

    /** "Clients MUST NOT offer multiple KeyShareEntry values for the same group" (§4.2.8): illegal_parameter. */
    static List<KeyShareEntry> readClientShares(Reader r) throws DecodeException {
        Reader list = r.vector16("client_shares", 0, 0xffff);
        List<KeyShareEntry> shares = new ArrayList<>();
        while (list.hasRemaining()) {
            String at = "[" + shares.size() + "]";
            KeyShareEntry e = KeyShareEntry.read(list, at);
            for (KeyShareEntry seen : shares) {
                if (seen.group() == e.group()) {
                    throw list.error(AlertDescription.ILLEGAL_PARAMETER, at,
                            "a second share for " + NamedGroup.nameOf(e.group()) + ": one per group (RFC 8446 §4.2.8)");
                }
            }
            shares.add(e);
        }
        return shares;
    }

    static KeyShareEntry readServerShare(Reader r) throws DecodeException {
        return KeyShareEntry.read(r, "server_share");
    }

    static int readSelectedGroup(Reader r) throws DecodeException {
        int group = r.u16("selected_group");
        r.note(NamedGroup.nameOf(group) + ": the client should send a share in this group");
        return group;
    }
}
