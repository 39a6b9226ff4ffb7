package org.journeyexplorer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app's classes concatenate strings with {@code StringBuilder} (the pom's {@code -XDstringConcat=inline}), not
 * through {@code invokedynamic} and {@code StringConcatFactory}, whose every call site was bootstrapped the first
 * time it ran: some 30 ms of a cold start of the app (issue 16).
 */
class StringConcatTest {
    private static final byte[] BOOTSTRAP = "makeConcatWithConstants".getBytes(StandardCharsets.UTF_8);

    @Test
    void noCompiledClassOfTheAppBootstrapsItsConcatenations() throws Exception {
        Path root = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root), root + " (the compiled classes)");
        List<String> found = new ArrayList<>();
        int classes = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                classes++;
                if (contains(Files.readAllBytes(f), BOOTSTRAP)) {
                    found.add(root.relativize(f).toString());
                }
            }
        }
        assertTrue(classes > 500, classes + " classes");
        assertEquals(List.of(), found);
    }

    private static boolean contains(byte[] data, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= data.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
