package org.journeyexplorer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class MainTest {
    @Test
    void noArgumentsOrProjectOptionStartTheDesktopApp() {
        assertArrayEquals(new String[0], Main.guiArguments(new String[0]));
        assertArrayEquals(new String[]{"--project", "x.jexp"}, Main.guiArguments(new String[]{"--project", "x.jexp"}));
    }

    @Test
    void aProjectFileFromTheFileAssociationOpensIt(@TempDir Path dir) throws IOException {
        Path file = Files.createFile(dir.resolve("shop.jexp.mv.db"));
        assertArrayEquals(new String[]{"--project", file.toString()}, Main.guiArguments(new String[]{file.toString()}));
    }

    @Test
    void commandsGoToTheCli(@TempDir Path dir) {
        assertNull(Main.guiArguments(new String[]{"import", "a.csv", "--project", "p"}));
        assertNull(Main.guiArguments(new String[]{"sessions"}));
        // a project path that does not exist is not silently opened as an empty project
        assertNull(Main.guiArguments(new String[]{dir.resolve("missing.jexp.mv.db").toString()}));
    }
}
