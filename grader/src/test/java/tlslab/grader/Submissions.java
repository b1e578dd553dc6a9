package tlslab.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.stream.Stream;

/** Paths of the course and submissions made for the grader's tests. */
final class Submissions {
    private Submissions() {
    }

    static Path root() {
        return Paths.get(System.getProperty("tlslab.root", "..")).toAbsolutePath().normalize();
    }

    static Path solutions() {
        return root().resolve("solutions");
    }

    static Path exercises() {
        return root().resolve("exercises");
    }

    /**
     * A copy of the reference solutions' sources with the files of fixture {@code name}
     * (grader/src/test/fixtures/NAME/…) laid over them, placeholders replaced.
     */
    static Path fixture(Path parent, String name, Map<String, String> placeholders) throws IOException {
        Path sub = parent.resolve(name);
        Path java = sub.resolve("src/main/java");
        Grader.copyTree(solutions().resolve("src/main/java"), java);
        Path fixtures = root().resolve("grader/src/test/fixtures").resolve(name);
        try (Stream<Path> walk = Files.walk(fixtures)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!Files.isRegularFile(p)) continue;
                String text = Files.readString(p, StandardCharsets.UTF_8);
                for (Map.Entry<String, String> e : placeholders.entrySet()) text = text.replace(e.getKey(), e.getValue());
                Path target = java.resolve(fixtures.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.writeString(target, text, StandardCharsets.UTF_8);
            }
        }
        return sub;
    }
}
