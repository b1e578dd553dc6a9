package tlslab.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * Which classes, fields and methods compiled classes refer to, and their string constants (read
 * with ASM): enough to tell a student, before anything runs, that an exercise's code (with every
 * class of the submission it reaches) calls code that would do the exercise for it. A teaching
 * message, not a defence: the library classes an exercise must not use are not even there when its
 * code runs ({@code Exercise.hidden}).
 */
final class ClassScan {
    /** Internal names ("pkg/Class") the class refers to, "pkg/Class.member" for members, and its strings. */
    record Refs(Set<String> classes, Set<String> members, Set<String> strings) {
    }

    /** Rules for every exercise: calls that would hide what the code does from the other rules. */
    private static final List<String> EVERY_EXERCISE = List.of("java/lang/Class.forName", "java/lang/reflect/Method.invoke",
            "java/lang/reflect/Constructor.newInstance", "java/lang/invoke/MethodHandles$Lookup.find",
            "java/lang/invoke/MethodHandle.invoke", "java/lang/ClassLoader", "java/net/URLClassLoader",
            "java/lang/System.load", "java/lang/Runtime.load");

    private final Map<String, Refs> classes = new HashMap<>();

    static ClassScan of(Path classesDir) throws IOException {
        ClassScan scan = new ClassScan();
        if (!Files.isDirectory(classesDir)) return scan;
        try (Stream<Path> walk = Files.walk(classesDir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!p.toString().endsWith(".class") || !Files.isRegularFile(p)) continue;
                String name = classesDir.relativize(p).toString().replace('\\', '/');
                name = name.substring(0, name.length() - ".class".length());
                try {
                    scan.classes.put(name, read(Files.readAllBytes(p)));
                } catch (IOException | RuntimeException e) {
                    scan.classes.put(name, new Refs(Set.of(), Set.of(), Set.of()));
                }
            }
        }
        return scan;
    }

    boolean has(String internalName) {
        return classes.containsKey(internalName);
    }

    /**
     * The first rule (of {@code forbidden} and {@link #EVERY_EXERCISE}) the class {@code start} (and the
     * submission's classes it reaches) breaks, as "the rule (found in class X)", or null.
     */
    String firstViolation(String start, List<String> forbidden) {
        List<String> rules = new ArrayList<>(forbidden);
        rules.addAll(EVERY_EXERCISE);
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        Set<String> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            String c = todo.poll();
            if (!seen.add(c)) continue;
            Refs r = classes.get(c);
            if (r == null) continue;
            for (String rule : rules) {
                String hit = match(rule, r);
                if (hit != null) return hit + " (in " + c.replace('/', '.') + ")";
            }
            for (String ref : r.classes) {
                if (classes.containsKey(ref)) todo.add(ref);
            }
        }
        return null;
    }

    private static String match(String rule, Refs r) {
        String dotted = rule.replace('/', '.');
        if (rule.endsWith("/")) {
            for (String c : r.classes) if (c.startsWith(rule)) return c.replace('/', '.');
            for (String s : r.strings) if (s.contains(dotted)) return "\"" + s + "\"";
            return null;
        }
        int dot = rule.indexOf('.');
        if (dot > 0) {
            for (String m : r.members) if (m.startsWith(rule)) return m.replace('/', '.');
            return null;
        }
        for (String c : r.classes) {
            if (c.equals(rule) || c.startsWith(rule + "$")) return c.replace('/', '.');
        }
        for (String s : r.strings) if (s.contains(dotted)) return "\"" + s + "\"";
        return null;
    }

    /** Every class, member and string constant a compiled class refers to, as ASM's remapper meets them. */
    static Refs read(byte[] bytes) {
        Set<String> classes = new LinkedHashSet<>(), members = new LinkedHashSet<>(), strings = new LinkedHashSet<>();
        Remapper collect = new Remapper() {
            @Override
            public String map(String internalName) {
                classes.add(internalName);
                return internalName;
            }

            @Override
            public String mapMethodName(String owner, String name, String descriptor) {
                members.add(owner + "." + name);
                return name;
            }

            @Override
            public String mapFieldName(String owner, String name, String descriptor) {
                members.add(owner + "." + name);
                return name;
            }

            @Override
            public Object mapValue(Object value) {
                if (value instanceof String s) strings.add(s);
                return super.mapValue(value);
            }
        };
        // the remapper sees method bodies only when the next visitor wants them: a ClassWriter does
        new ClassReader(bytes).accept(new ClassRemapper(new ClassWriter(0), collect), 0);
        return new Refs(classes, members, strings);
    }
}
