package org.journeyexplorer.predict;

import org.journeyexplorer.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

class RobustnessTest {
    record Run(int code, String out, String err, long ms) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void explore(@TempDir Path dir) throws Exception {
        for (StressLogs.Log log : StressLogs.all()) {
            Path f = log.write(dir);
            Run e = cli("evaluate", f.toString(), "--protocol", "tax");
            System.out.println("== " + log.name() + " evaluate code " + e.code() + " " + e.ms() + " ms; err=" + e.err());
            System.out.println(e.out().lines().limit(8).reduce("", (a, b) -> a + "\n" + b));
            Path p = dir.resolve(log.name());
            Run i = cli("import", f.toString(), "--project", p.toString(), "--timezone", "UTC");
            System.out.println("import code " + i.code() + " " + i.ms() + " ms " + i.err());
            String first = log.rows().get(0)[1];
            Run pr = cli("predict", "--project", p.toString(), "--prefix", first);
            System.out.println("predict code " + pr.code() + " " + pr.ms() + " ms; err=" + pr.err() + "\n" + pr.out());
        }
    }
}
