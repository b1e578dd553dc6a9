package tlslab.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tlslab.crypto.CipherSuite;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.engine.TlsConfig;
import tlslab.wire.ProtocolVersion;

/** A tiny parser for {@code --name value} and {@code --flag} options plus positional arguments. */
final class Args {
    final List<String> positional = new ArrayList<>();
    private final Map<String, List<String>> options = new HashMap<>();

    /** --tls1.2 and/or --tls1.3 (neither: both). */
    void applyVersionsAndCiphers(TlsConfig config) {
        boolean v12 = has("--tls1.2"), v13 = has("--tls1.3");
        if (v12 && !v13) config.versions(ProtocolVersion.TLS12);
        else if (v13 && !v12) config.versions(ProtocolVersion.TLS13);
        List<CipherSuite> suites12 = new ArrayList<>();
        List<Tls13CipherSuite> suites13 = new ArrayList<>();
        for (String name : all("--cipher")) {
            Tls13CipherSuite s13 = Arrays.stream(Tls13CipherSuite.values()).filter(s -> s.name().equalsIgnoreCase(name)).findFirst().orElse(null);
            if (s13 != null) suites13.add(s13);
            else suites12.add(CipherSuite.byName(name));
        }
        if (!suites12.isEmpty()) config.cipherSuites(suites12.toArray(new CipherSuite[0]));
        if (!suites13.isEmpty()) config.tls13CipherSuites(suites13.toArray(new Tls13CipherSuite[0]));
    }

    Args(String[] argv, int from, Set<String> withValue, Set<String> flags) {
        for (int i = from; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                positional.add(a);
            } else if (flags.contains(a)) {
                options.computeIfAbsent(a, k -> new ArrayList<>()).add("true");
            } else if (withValue.contains(a)) {
                if (i + 1 >= argv.length) throw new UsageException(a + " needs a value");
                options.computeIfAbsent(a, k -> new ArrayList<>()).add(argv[++i]);
            } else {
                throw new UsageException("unknown option " + a);
            }
        }
    }

    String get(String name) {
        List<String> v = options.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    int intValue(String name, int dflt) {
        String v = get(name);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " expects a number, got \"" + v + "\"");
        }
    }

    /** Bad command line: printed with the usage, exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
