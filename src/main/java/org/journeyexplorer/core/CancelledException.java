package org.journeyexplorer.core;

/** Thrown by a core operation that stopped because its {@link TaskContext} was cancelled. */
public final class CancelledException extends RuntimeException {
    public CancelledException() {
        super("Cancelled", null, false, false);
    }
}
