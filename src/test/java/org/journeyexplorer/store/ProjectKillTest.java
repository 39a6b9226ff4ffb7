package org.journeyexplorer.store;

import org.journeyexplorer.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A project survives the program being killed at any moment: command-line calls in child JVMs on a small project,
 * each killed with SIGKILL after a random time or left to end, and the file still reads with plain H2 and holds
 * the same events afterwards ({@link ProjectKillHarness}; the {@code kill} benchmark runs hundreds of cycles, the
 * desktop app included).
 */
class ProjectKillTest {
    @TempDir
    static Path shared;
    private static Path demo;
    @TempDir
    Path dir;

    /** A small project (20,000 demo events), made once; each test works on its own copy. */
    @BeforeAll
    static void demoProject() {
        Path csv = shared.resolve("demo.csv");
        assertEquals(0, CliRun.of("generate-demo", "--events", "20000", "--seed", "7", "--out", csv.toString()).code());
        Path p = shared.resolve("p");
        assertEquals(0, CliRun.of("import", csv.toString(), "--project", p.toString()).code());
        demo = ProjectStore.projectFile(p);
    }

    @Test
    void killedCommandsLeaveTheProjectReadableAndUnchanged() throws Exception {
        Path project = smallProject();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProjectKillHarness h = new ProjectKillHarness(java, System.getProperty("java.class.path"), project,
                Files.createDirectories(dir.resolve("scratch")), 20261207L, false, false, 1500, 0);
        assertEquals(20_000, h.expected().events());
        for (int i = 1; i <= 5; i++) {
            ProjectKillHarness.Cycle c = h.cycle(i);
            assertTrue(c.damage().isEmpty(), c.toString());
        }
    }

    /**
     * The damaged project of 2026-12-07: a program that dies after writing leaves chunks behind, which the next open
     * may not find and so write over in part, leaving the rest for a later open to mix in. So the next open rewrites
     * the file first: afterwards none of the dead program's chunks is left, no chunk is newer than the file's last,
     * and the events are those of the start.
     */
    @Test
    void aProjectKilledWhileWritingIsRewrittenBeforeItIsWrittenAgain() throws Exception {
        Path project = smallProject();
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        ProjectFingerprint before = ProjectFingerprint.of(project, scratch);
        long cleanVersion = StoreFile.headerVersion(project);
        assertTrue(StoreFile.endedCleanly(project));

        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledWriter.class.getName(), project.toString())
                .redirectErrorStream(true).redirectOutput(scratch.resolve("writer.log").toFile()).start();
        try {
            // H2 marks the header unclean with its first chunk; a few more commits follow it
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (StoreFile.endedCleanly(project) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(1500);
        } finally {
            writer.destroyForcibly().waitFor();
        }
        assertFalse(StoreFile.endedCleanly(project), "the writer never wrote: " + Files.readString(
                scratch.resolve("writer.log")));
        List<StoreFile.ChunkHeader> dead = StoreFile.chunkHeaders(project).stream()
                .filter(c -> c.version() > cleanVersion).toList();
        assertFalse(dead.isEmpty());
        // the app's status line says why this open takes longer
        assertEquals("Opening p: it was not closed properly last time, so it is put in order first (seconds for"
                + " millions of events)", org.journeyexplorer.ui.project.StoreBackend.openingMessage(project));

        ProjectStore.open(project).close();

        assertTrue(StoreFile.endedCleanly(project));
        assertEquals("Opening p", org.journeyexplorer.ui.project.StoreBackend.openingMessage(project));
        List<StoreFile.ChunkHeader> after = StoreFile.chunkHeaders(project);
        long version = StoreFile.headerVersion(project);
        assertEquals(List.of(), after.stream().filter(dead::contains).toList(), "chunks of the killed program");
        assertEquals(List.of(), after.stream().filter(c -> c.version() > version).toList(), "chunks newer than the file");
        assertEquals(before, ProjectFingerprint.of(project, scratch));
    }

    private Path smallProject() throws java.io.IOException {
        return Files.copy(demo, dir.resolve("p" + ProjectStore.EXTENSION));
    }
}
