package tlslab.exercises.check;

import java.util.List;

import tlslab.crypto.Prf;
import tlslab.exercise.ChainChecker;
import tlslab.exercise.ClientHelloEncoder;
import tlslab.exercise.FinishedVerifyData;
import tlslab.exercise.GcmRecords;
import tlslab.exercise.KeyExpansion;
import tlslab.exercise.Pkcs1Padding;
import tlslab.exercise.RsaMath;
import tlslab.exercise.ServerHelloParser;
import tlslab.exercise.Tls13KeyDerivation;
import tlslab.exercise.Tls13RecordOpener;
import tlslab.exercise.TranscriptChecker;

/**
 * The exercises: number, title, the library interface each implements, the class that implements
 * it, and what the class may not call (library code that would do the exercise for you; the grader
 * checks the compiled classes for these names).
 */
public enum Exercise {
    RSA(1, "Textbook RSA", RsaMath.class, "tlslab.exercises.ex01.TextbookRsaMath",
            List.of("java/math/BigInteger.modPow", "tlslab/keys/TextbookRsa", "tlslab/keys/RsaKeys",
                    "javax/crypto/Cipher", "java/security/Signature"),
            List.of("tlslab/keys/TextbookRsa", "tlslab/keys/RsaKeys")),
    PKCS1(2, "Pre-master secret and PKCS#1 v1.5 padding", Pkcs1Padding.class, "tlslab.exercises.ex02.Pkcs1v15",
            List.of("tlslab/keys/RsaKeys", "javax/crypto/Cipher"),
            List.of("tlslab/keys/RsaKeys")),
    CLIENT_HELLO(3, "Encode a ClientHello", ClientHelloEncoder.class, "tlslab.exercises.ex03.ClientHelloWriter",
            List.of("tlslab/handshake/"), List.of("tlslab/handshake/")),
    SERVER_HELLO(4, "Parse a ServerHello", ServerHelloParser.class, "tlslab.exercises.ex04.ServerHelloReader",
            List.of("tlslab/handshake/"), List.of("tlslab/handshake/")),
    PRF(5, "The TLS 1.2 PRF (P_SHA256)", Prf.Function.class, "tlslab.exercises.ex05.Sha256Prf",
            List.of("tlslab/crypto/Prf.prf", "tlslab/crypto/Prf.pSha256", "tlslab/crypto/KeySchedule",
                    "tlslab/engine/"),
            List.of("tlslab/crypto/Prf", "tlslab/crypto/KeySchedule", "tlslab/engine/", Exercise.BC_TLS_KDF, Exercise.BC_HKDF,
                    Exercise.BC_HPKE_HKDF)),
    KEY_BLOCK(6, "Master secret and key block", KeyExpansion.class, "tlslab.exercises.ex06.KeyBlockSplitter",
            List.of("tlslab/crypto/KeySchedule", "tlslab/engine/"),
            List.of("tlslab/crypto/KeySchedule", "tlslab/engine/", Exercise.BC_TLS_KDF, Exercise.BC_HKDF, Exercise.BC_HPKE_HKDF)),
    FINISHED(7, "Finished verify_data", FinishedVerifyData.class, "tlslab.exercises.ex07.FinishedCalculator",
            List.of("tlslab/crypto/KeySchedule", "tlslab/handshake/", "tlslab/engine/"),
            List.of("tlslab/crypto/KeySchedule", "tlslab/handshake/", "tlslab/engine/", Exercise.BC_TLS_KDF, Exercise.BC_HKDF,
                    Exercise.BC_HPKE_HKDF)),
    GCM(8, "Seal and open a GCM record", GcmRecords.class, "tlslab.exercises.ex08.GcmRecordCipher",
            List.of("tlslab/record/", "tlslab/engine/"), List.of("tlslab/record/", "tlslab/engine/")),
    CERTIFICATES(9, "Certificate chain and host name", ChainChecker.class, "tlslab.exercises.ex09.ChainVerifier",
            List.of("tlslab/keys/CertificateVerifier", "java/security/cert/CertPathValidator",
                    "javax/net/ssl/", "sun/security/"),
            List.of("tlslab/keys/CertificateVerifier")),
    TAMPERING(10, "Spot a tampered transcript", TranscriptChecker.class, "tlslab.exercises.ex10.TamperDetector",
            List.of("tlslab/crypto/KeySchedule", "tlslab/engine/"),
            List.of("tlslab/crypto/KeySchedule", "tlslab/engine/", Exercise.BC_TLS_KDF, Exercise.BC_HKDF, Exercise.BC_HPKE_HKDF)),
    HKDF_LABEL(11, "HKDF-Expand-Label, traffic key and IV", Tls13KeyDerivation.class, "tlslab.exercises.ex11.HkdfExpandLabel",
            List.of("tlslab/crypto/tls13/", "tlslab/engine/", "tlslab/record/", "javax/crypto/KDF", Exercise.BC_HKDF, Exercise.BC_HPKE_HKDF),
            List.of("tlslab/crypto/tls13/", "tlslab/engine/", "tlslab/record/", Exercise.BC_TLS_KDF, Exercise.BC_HKDF,
                    Exercise.BC_HPKE_HKDF)),
    TLS13_RECORD(12, "Open a TLS 1.3 record", Tls13RecordOpener.class, "tlslab.exercises.ex12.RecordDecryptor",
            List.of("tlslab/record/", "tlslab/engine/"), List.of("tlslab/record/", "tlslab/engine/"));

    /** Bouncy Castle's TLS PRF (SecretKeyFactory "TLS12WITHSHA256KDF"), which would do exercises 5 to 7. */
    private static final String BC_TLS_KDF = "org/bouncycastle/jcajce/provider/symmetric/TLSKDF";
    /**
     * Bouncy Castle's HKDF (RFC 5869), and the copy inside its HPKE, which would do HKDF-Expand in exercise 11. The
     * key-derivation exercises (5, 6, 7, 10, 11) all hide all three of these, so the grader makes one filtered copy of
     * Bouncy Castle's jar for them rather than two.
     */
    private static final String BC_HKDF = "org/bouncycastle/crypto/generators/HKDFBytesGenerator";
    private static final String BC_HPKE_HKDF = "org/bouncycastle/crypto/hpke/HKDF";

    public final int number;
    public final String title;
    public final Class<?> api;
    public final String implementation;
    /** Internal names ("pkg/Class" or "pkg/Class.member", or a "pkg/" prefix) the implementation may not use. */
    public final List<String> forbidden;
    /**
     * Library classes ("pkg/Class" with its nested classes, or a "pkg/" prefix) that are not there at all
     * when the grader runs this exercise's code: reflection, method handles or a class loader find nothing.
     * The exercise's own interface is never hidden.
     */
    public final List<String> hidden;

    Exercise(int number, String title, Class<?> api, String implementation, List<String> forbidden, List<String> hidden) {
        this.number = number;
        this.title = title;
        this.api = api;
        this.implementation = implementation;
        this.forbidden = forbidden;
        this.hidden = hidden;
    }

    /** "ex05" */
    public String id() {
        return String.format("ex%02d", number);
    }

    /** "Exercise 5 · The TLS 1.2 PRF (P_SHA256)" */
    public String label() {
        return "Exercise " + number + " · " + title;
    }

    /** The package of the visible tests (and of the implementation). */
    public String packageName() {
        return "tlslab.exercises." + id();
    }

    public static Exercise of(Class<?> api) {
        for (Exercise e : values()) {
            if (e.api == api) return e;
        }
        throw new IllegalArgumentException(api.getName() + " is not the interface of any exercise");
    }

    public static Exercise number(int n) {
        for (Exercise e : values()) {
            if (e.number == n) return e;
        }
        throw new IllegalArgumentException("there is no exercise " + n + " (1 to " + values().length + ")");
    }

    /**
     * The exercise a test class belongs to: visible tests live in the exercise's package
     * ({@code tlslab.exercises.ex05.*}), hidden tests are named after it ({@code tlslab.exercises.hidden.Ex05*}).
     */
    public static Exercise ofTestClass(String className) {
        for (Exercise e : values()) {
            String simple = className.substring(className.lastIndexOf('.') + 1);
            if (className.startsWith(e.packageName() + ".") || (isHidden(className) && simple.startsWith("Ex" + e.id().substring(2)))) {
                return e;
            }
        }
        return null;
    }

    /** Hidden tests (only in solutions/, never shipped to students) live in this package. */
    public static boolean isHidden(String testClassName) {
        return testClassName.startsWith("tlslab.exercises.hidden.");
    }
}
