package org.journeyexplorer.store;

import java.nio.file.Path;

/**
 * Test helper run in a child JVM, to be killed: opens a project, writes a setting now and then (each a small H2
 * commit, as the app's settings and derived data are), and never closes it.
 */
public final class KilledWriter {
    private KilledWriter() {
    }

    public static void main(String[] args) throws Exception {
        ProjectStore s = ProjectStore.open(Path.of(args[0]));
        for (int i = 0; ; i++) {
            s.settings().putUserSetting("killed.writer", "write " + i);
            Thread.sleep(50);
        }
    }
}
