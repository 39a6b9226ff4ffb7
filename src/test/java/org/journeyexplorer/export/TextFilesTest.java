package org.journeyexplorer.export;

import org.journeyexplorer.core.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextFilesTest {

    @Test
    void writesUtf8(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.csv");
        TextFiles.write(f, w -> w.write("événement,→\n"));
        assertEquals("événement,→\n", new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
    }

    @Test
    void aFailedWriteNamesTheFile(@TempDir Path dir) {
        Path f = dir.resolve("no-such-folder").resolve("a.csv");
        UserFacingException e = assertThrows(UserFacingException.class, () -> TextFiles.write(f, w -> w.write("x")));
        assertTrue(e.getMessage().startsWith("Could not write " + f), e.getMessage());
    }
}
