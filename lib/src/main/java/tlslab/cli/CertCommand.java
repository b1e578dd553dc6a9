package tlslab.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import tlslab.keys.CertificateAuthority;
import tlslab.keys.LabPki;
import tlslab.keys.Pem;
import tlslab.keys.RsaKeys;

/**
 * {@code ./tlslab cert --out DIR --host NAME...}: a server certificate from the lab CA (the one
 * {@code ./tlslab server} uses, in ~/.tlslab/lab) for the given host names and IP addresses, written to
 * DIR/server.pem (certificate, then the CA) and DIR/server.key.pem. {@code ./tlslab hub} uses it for
 * its own HTTPS.
 */
final class CertCommand {
    private CertCommand() {
    }

    static int run(String[] argv, PrintStream out) throws Exception {
        Args a = new Args(argv, 1, Set.of("--out", "--host", "--days"), Set.of());
        if (!a.positional.isEmpty()) throw new Args.UsageException("cert takes no positional arguments");
        if (a.get("--out") == null) throw new Args.UsageException("cert needs --out DIR");
        List<String> hosts = a.all("--host");
        if (hosts.isEmpty()) throw new Args.UsageException("cert needs at least one --host NAME (or IP address)");
        int days = a.intValue("--days", 365);
        if (days < 1 || days > 825) throw new Args.UsageException("--days wants 1 to 825");

        LabPki.LabFiles lab = LabPki.writeLabFiles(ServerCommand.labDir(), new SecureRandom());
        X509Certificate caCert = Pem.readCertificates(lab.caCert()).get(0);
        CertificateAuthority ca = new CertificateAuthority(new KeyPair(caCert.getPublicKey(), Pem.readPrivateKey(lab.caKey())), caCert);
        KeyPair keys = RsaKeys.generate(2048, new SecureRandom());
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        X509Certificate cert = ca.issueServer(keys, notBefore, Duration.ofDays(days), hosts.toArray(new String[0]));

        Path dir = Path.of(a.get("--out"));
        Files.createDirectories(dir);
        Path chain = dir.resolve("server.pem"), key = dir.resolve("server.key.pem");
        Pem.write(key, Pem.encode(keys.getPrivate()));
        try {
            Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: leave the permissions as they are
        }
        Pem.write(chain, Pem.encode(cert, caCert));
        out.println("certificate for " + String.join(", ", hosts) + " from the lab CA, valid " + days + " days");
        out.println("  certificate: " + chain);
        out.println("  private key: " + key);
        out.println("  lab CA:      " + lab.caCert());
        out.println("  SHA-256 fingerprint: " + fingerprint(cert));
        return 0;
    }

    static String fingerprint(X509Certificate cert) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }
}
