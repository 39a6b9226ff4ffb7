package org.journeyexplorer.export;

import org.journeyexplorer.core.UserFacingException;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a text export (CSV, SVG) as UTF-8 to a path the user chose. A failure (disk full, no permission) becomes
 * a {@link UserFacingException} naming the file, the same for every export.
 */
public final class TextFiles {

    /** What goes into the file. */
    public interface Body {
        void write(Writer out) throws IOException;
    }

    private TextFiles() {
    }

    public static void write(Path file, Body body) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            body.write(w);
        } catch (IOException e) {
            throw new UserFacingException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** What {@code body} writes, as a string (for standard output and the clipboard). */
    public static String string(Body body) {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            body.write(w);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does no I/O
        }
        return w.toString();
    }
}
