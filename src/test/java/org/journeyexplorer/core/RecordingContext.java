package org.journeyexplorer.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A task context for tests that keeps every message it is given, in order; never cancelled. */
public final class RecordingContext implements TaskContext {
    private final List<String> messages = new CopyOnWriteArrayList<>();

    /** The messages so far (a live view, safe to read from any thread). */
    public List<String> messages() {
        return messages;
    }

    @Override
    public void progress(long done, long total) {
    }

    @Override
    public void message(String message) {
        messages.add(message);
    }

    @Override
    public boolean isCancelled() {
        return false;
    }
}
