package org.journeyexplorer.store;

import java.nio.file.Path;

/** Test helper run in a second JVM: opens a project, says so, and keeps it open until stdin closes. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (ProjectStore s = ProjectStore.open(Path.of(args[0]))) {
            System.out.println("open " + s.events().count());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to let go
            }
        }
    }
}
