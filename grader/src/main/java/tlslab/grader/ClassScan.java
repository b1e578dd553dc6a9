package tlslab.grader;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the constant pools of compiled classes: which classes, fields and methods each one refers
 * to, and its string constants. Enough to tell whether an exercise's code (with every class of the
 * submission it reaches) calls library code that would do the exercise for it. A rule check, not a
 * proof: determined cheating gets past it, honest mistakes do not.
 */
final class ClassScan {
    /** Internal names ("pkg/Class") the class refers to, "pkg/Class.member" for members, and its strings. */
    record Refs(Set<String> classes, Set<String> members, Set<String> strings) {
    }

    /** Rules for every exercise: calls that would hide what the code does from the other rules. */
    static final List<String> EVERY_EXERCISE = List.of("java/lang/Class.forName", "java/lang/reflect/Method.invoke",
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
     * The first rule the class {@code start} (and the submission's classes it reaches) breaks, as
     * "the rule (found in class X)", or null.
     */
    String firstViolation(String start, List<String> rules) {
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

    /** Parses a class file's constant pool (JVMS §4.4). */
    static Refs read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        Object[] pool = new Object[count];
        int[][] refs = new int[count][];
        byte[] tags = new byte[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = (byte) tag;
            switch (tag) {
                case 1 -> pool[i] = in.readUTF();                                   // Utf8
                case 3, 4 -> in.readInt();                                           // Integer, Float
                case 5, 6 -> {                                                       // Long, Double take two slots
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> refs[i] = new int[] {in.readUnsignedShort()};   // Class, String, MethodType, Module, Package
                case 9, 10, 11, 12, 17, 18 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> refs[i] = new int[] {in.readUnsignedByte(), in.readUnsignedShort()};   // MethodHandle
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> classes = new LinkedHashSet<>(), members = new LinkedHashSet<>(), strings = new LinkedHashSet<>();
        for (int i = 1; i < count; i++) {
            switch (tags[i]) {
                case 7 -> {
                    String n = (String) pool[refs[i][0]];
                    while (n.startsWith("[")) n = n.substring(1);
                    if (n.startsWith("L") && n.endsWith(";")) n = n.substring(1, n.length() - 1);
                    classes.add(n);
                }
                case 8 -> strings.add((String) pool[refs[i][0]]);
                case 9, 10, 11 -> {
                    String owner = (String) pool[refs[refs[i][0]][0]];
                    String member = (String) pool[refs[refs[i][1]][0]];
                    members.add(owner + "." + member);
                }
                default -> {
                }
            }
        }
        return new Refs(classes, members, strings);
    }
}
