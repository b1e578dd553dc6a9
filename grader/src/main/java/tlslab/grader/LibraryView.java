package tlslab.grader;

import java.io.*;
import java.nio.file.*;
import java.util.*;
import java.util.zip.*;

import tlslab.exercises.check.Exercise;

/**
 * The library as each exercise's code sees it: copies of the jars without the classes the exercise
 * hides ({@link Exercise#hidden}), so no reflection, method handle or class loader can find them.
 * Jars an exercise hides nothing in are hard links to the shared copy; exercises that hide the same
 * entries of a jar share one filtered copy.
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

    /** For every exercise, a folder (under {@code runDir}) holding its view of {@code jars} in {@code libDir}. */
    static Map<Exercise, Path> all(Path libDir, List<String> jars, Path runDir) throws IOException {
        Map<Exercise, Path> dirs = new EnumMap<>(Exercise.class);
        for (Exercise e : Exercise.values()) dirs.put(e, Files.createDirectories(runDir.resolve("lib-" + e.id())));
        for (String name : jars) {
            Path jar = libDir.resolve(name);
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                List<? extends ZipEntry> entries = zip.stream().toList();
                Map<List<String>, Path> made = new HashMap<>();
                for (Exercise e : Exercise.values()) {
                    List<String> hit = new ArrayList<>();
                    for (ZipEntry z : entries) if (hides(e, z.getName())) hit.add(z.getName());
                    Path target = dirs.get(e).resolve(name);
                    Path same = hit.isEmpty() ? jar : made.get(hit);
                    if (same != null) {
                        Files.createLink(target, same);
                        continue;
                    }
                    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
                        out.setLevel(Deflater.NO_COMPRESSION);   // a throwaway copy: speed over size
                        for (ZipEntry z : entries) {
                            if (hides(e, z.getName())) continue;
                            out.putNextEntry(new ZipEntry(z.getName()));
                            try (InputStream in = zip.getInputStream(z)) {
                                in.transferTo(out);
                            }
                            out.closeEntry();
                        }
                    }
                    made.put(hit, target);
                }
            }
        }
        return dirs;
    }
}
