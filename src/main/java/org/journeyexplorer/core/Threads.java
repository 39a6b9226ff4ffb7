package org.journeyexplorer.core;

/** Waiting on threads where an interrupt must not cut the wait short. */
public final class Threads {
    private Threads() {
    }

    /**
     * Waits until {@code thread} has ended, even when this thread is interrupted meanwhile (what the other thread
     * does decides what happens next, so the wait may not end early); the interrupt is set again afterwards.
     */
    public static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
