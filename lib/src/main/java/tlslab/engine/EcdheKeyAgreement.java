package tlslab.engine;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.NamedGroup;
import tlslab.handshake.ClientHello;
import tlslab.handshake.ClientKeyExchange;
import tlslab.handshake.ServerKeyExchange;
import tlslab.handshake.SignatureScheme;

/**
 * Ephemeral elliptic-curve Diffie–Hellman (RFC 8422): each side makes a fresh key pair on the
 * chosen curve and sends its public share; the server signs its share with its certificate's key
 * so the client knows who it is talking to. The pre-master secret is the shared x-coordinate.
 */
final class EcdheKeyAgreement extends KeyAgreement {
    private NamedGroup group;
    private final int scheme;
    /** Client: the signature schemes its ClientHello offered, the only ones ServerKeyExchange may use. */
    private final List<Integer> offeredSchemes;
    private KeyPair mine;
    private PublicKey serverShare;

    private EcdheKeyAgreement(TlsConfig config, NamedGroup group, int scheme, List<Integer> offeredSchemes) {
        super(config);
        this.group = group;
        this.scheme = scheme;
        this.offeredSchemes = offeredSchemes;
    }

    /** The server's side, on the group and signature scheme it negotiated. */
    static EcdheKeyAgreement forServer(TlsConfig config, NamedGroup group, int scheme) {
        return new EcdheKeyAgreement(config, group, scheme, List.of());
    }

    static EcdheKeyAgreement forClient(TlsConfig config, List<Integer> offeredSchemes) {
        return new EcdheKeyAgreement(config, null, -1, offeredSchemes);
    }

    @Override
    ServerKeyExchange serverKeyExchange(byte[] clientRandom, byte[] serverRandom) throws TlsException {
        mine = group.generate(config.random());
        byte[] point = group.encode(mine.getPublic());
        byte[] signed = ServerKeyExchange.signedData(clientRandom, serverRandom, group.id, point);
        return new ServerKeyExchange(group.id, point, scheme, Signatures.sign(scheme, config.privateKey, signed, config.random()));
    }

    @Override
    byte[] serverPreMaster(ClientHello hello, ClientKeyExchange cke) throws TlsException {
        return group.agree(mine.getPrivate(), group.decode(cke.ecdhYc()));
    }

    @Override
    boolean expectsServerKeyExchange() {
        return true;
    }

    @Override
    void processServerKeyExchange(byte[] clientRandom, byte[] serverRandom, ServerKeyExchange ske, PublicKey serverKey)
            throws TlsException {
        group = NamedGroup.byId(ske.namedCurve());
        if (group == null || group.finiteField() || !config.groups.contains(group)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ServerKeyExchange.named_curve "
                    + NamedGroup.nameOf(ske.namedCurve()) + " is not one the client offered");
        }
        if (SignatureScheme.jcaName(ske.signatureScheme()) == null
                || !offeredSchemes.contains(ske.signatureScheme())) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ServerKeyExchange.signature_algorithm "
                    + SignatureScheme.nameOf(ske.signatureScheme()) + " is not one the client offered");
        }
        byte[] signed = ServerKeyExchange.signedData(clientRandom, serverRandom, ske.namedCurve(), ske.publicKey());
        if (!Signatures.verify(ske.signatureScheme(), serverKey, signed, ske.signature())) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "ServerKeyExchange.signature does not verify with the "
                    + "server certificate's public key: the ECDHE share was not sent by the certificate's owner");
        }
        serverShare = group.decode(ske.publicKey());
    }

    @Override
    ClientShare clientKeyExchange(PublicKey serverKey) throws TlsException {
        mine = group.generate(config.random());
        byte[] preMaster = group.agree(mine.getPrivate(), serverShare);
        return new ClientShare(ClientKeyExchange.ecdhe(group.encode(mine.getPublic())), preMaster);
    }
}
