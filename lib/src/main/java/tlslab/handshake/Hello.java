package tlslab.handshake;

/** Things ClientHello and ServerHello share. */
final class Hello {
    private Hello() {
    }

    static String versionName(int version) {
        return switch (version) {
            case 0x0300 -> "SSL 3.0";
            case 0x0301 -> "TLS 1.0";
            case 0x0302 -> "TLS 1.1";
            case 0x0303 -> "TLS 1.2";
            case 0x0304 -> "TLS 1.3";
            default -> String.format("0x%04X", version);
        };
    }
}
