package tlslab.grader;

import java.util.Comparator;

import org.junit.jupiter.api.*;

import tlslab.exercises.check.Exercise;

/** Runs test classes exercise by exercise (visible before hidden), so each exercise needs one runner JVM. */
public final class ExerciseOrder implements ClassOrderer {
    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing(d -> key(d.getTestClass().getName())));
    }

    static String key(String className) {
        Exercise e = Exercise.ofTestClass(className);
        return String.format("%02d-%d-%s", e == null ? 99 : e.number, Exercise.isHidden(className) ? 1 : 0, className);
    }
}
