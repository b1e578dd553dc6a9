package tlslab.grader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import tlslab.exercises.check.Exercise;

/**
 * The library as one exercise's code sees it: copies of the jars without the classes the exercise
 * hides ({@link Exercise#hidden}), so no reflection, method handle or class loader can find them.
 * Jars the exercise hides nothing in are hard links to the shared copy.
 */
final class LibraryView {
    private LibraryView() {
    }

    /** Whether jar entry {@code entry} is hidden from exercise {@code e} by one of its rules. */
    static boolean hides(Exercise e, String entry) {
        if (!entry.endsWith(".class")) return false;
        String cls = entry.substring(0, entry.length() - ".class".length());
        if (cls.equals(e.api.getName().replace('.', '/'))) return false;
        for (String rule : e.hidden) {
            if (rule.endsWith("/") ? cls.startsWith(rule) : cls.equals(rule) || cls.startsWith(rule + "$")) return true;
        }
        return false;
    }

    /**
     * The folder holding exercise {@code e}'s view of {@code jars} (in {@code libDir}); {@code made}
     * remembers filtered jars by the rules that matched, so exercises hiding the same things share one.
     */
    static Path of(Exercise e, Path libDir, List<String> jars, Path runDir, Map<String, Path> made) throws IOException {
        Path dir = Files.createDirectories(runDir.resolve("lib-" + e.id()));
        for (String name : jars) {
            Path jar = libDir.resolve(name);
            Path target = dir.resolve(name);
            if (Files.isDirectory(jar)) throw new IOException("the library must be jars to hide classes from exercises: " + jar);
            List<String> hit = new ArrayList<>();
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream().filter(z -> hides(e, z.getName())).forEach(z -> hit.add(z.getName()));
            }
            if (hit.isEmpty()) {
                Files.createLink(target, jar);
                continue;
            }
            String key = name + hit;
            Path done = made.get(key);
            if (done != null) {
                Files.createLink(target, done);
                continue;
            }
            try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream os = Files.newOutputStream(target);
                 ZipOutputStream out = new ZipOutputStream(os)) {
                for (ZipEntry z : zip.stream().map(ZipEntry.class::cast).toList()) {
                    if (hides(e, z.getName())) continue;
                    out.putNextEntry(new ZipEntry(z.getName()));
                    try (InputStream in = zip.getInputStream(z)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            made.put(key, target);
        }
        return dir;
    }
}
