package tlslab.cli;

import java.io.PrintStream;

import tlslab.alert.TlsException;

/** {@code ./tlslab} sub-commands that run in Java. */
public final class Main {
    static final String USAGE = """
            usage:
              ./tlslab client HOST:PORT [--tls1.2|--tls1.3] [--cipher IANA_NAME]... [--servername NAME] [--cafile PEM]
                                        [--cert PEM --key PEM] [--keylog FILE] [--resume] [--insecure]
                                        [--path /PATH] [--brief]
              ./tlslab server [--port N] [--tls1.2|--tls1.3] [--cert PEM --key PEM] [--client-auth CA_PEM]
                              [--keylog FILE] [--cipher IANA_NAME]... [--once] [--brief]
              ./tlslab cert --out DIR --host NAME_OR_IP... [--days N]   (a server certificate from the lab CA)
            both versions are on unless one is given; cipher names are IANA's, e.g. TLS_AES_128_GCM_SHA256
            (TLS 1.3) or TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (TLS 1.2)""";

    private Main() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    /** Runs a sub-command and returns its exit status (0 only on success). */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("help")) {
            out.println(USAGE);
            return argv.length == 0 ? 2 : 0;
        }
        try {
            return switch (argv[0]) {
                case "client" -> ClientCommand.run(argv, out);
                case "server" -> ServerCommand.run(argv, out);
                case "cert" -> CertCommand.run(argv, out);
                default -> throw new Args.UsageException("unknown command \"" + argv[0] + "\"");
            };
        } catch (Args.UsageException e) {
            err.println("tlslab: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (TlsException e) {
            err.println("tlslab: " + e);
            return 1;
        } catch (Exception e) {
            err.println("tlslab: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }
}
