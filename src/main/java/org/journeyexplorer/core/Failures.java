package org.journeyexplorer.core;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Passing on what went wrong on another thread, on the thread that waited for it. */
public final class Failures {
    private Failures() {
    }

    /** Throws {@code t} as it was thrown when it is an I/O, runtime or error throwable; else wrapped. */
    public static void rethrow(Throwable t) throws IOException {
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        throw new UncheckedIOException(new IOException(t));
    }
}
