package org.journeyexplorer.project;

import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.Failures;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.IdentityValues;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.EventSink;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.RowBatch;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link ImportService.Reader} (parsing: bytes, times, property JSON) on a thread of its own and hands its
 * events and rejects, in file order and in batches, to the calling thread, which encodes and stores them: on two
 * cores the import then keeps both busy. The store's writer is not thread-safe and stays on the calling thread.
 *
 * <p>Whatever ends the read early on either side stops the other: a failure or cancellation of the parser is
 * rethrown on the calling thread as it was thrown; a failure or cancellation of the consumer stops the parser at
 * its next row. No thread outlives {@link #read}.
 */
final class PipelinedRead {
    private static final int BATCH = 2048;
    /** Enough to ride out a slow row on either side; more only keeps more rows alive through young collections. */
    private static final int QUEUED_BATCHES = 3;
    /**
     * Batches a read begun before the project is open may parse ahead ({@link ImportService.Begun}): about 130 k
     * rows, some 10 MB, more than the JVM and the store take to start on a quiet machine.
     */
    static final int EARLY_BATCHES = 64;
    private static final Object END = new Object();

    private PipelinedRead() {
    }

    static void read(ImportService.Reader reader, ImportPlan plan, EventSink sink, TaskContext ctx)
            throws IOException {
        try (Begun read = begin(reader, plan, ctx, QUEUED_BATCHES)) {
            read.drainInto(sink, ctx);
        }
    }

    /**
     * Begins the read on its own thread: up to {@code queued} batches are parsed ahead before anyone takes them
     * ({@link Begun#drainInto}).
     */
    static Begun begin(ImportService.Reader reader, ImportPlan plan, TaskContext ctx, int queued) {
        return new Begun(reader, plan, ctx, queued);
    }

    /** A read running on its thread; {@link #drainInto} hands its rows on, {@link #close} stops what is left. */
    static final class Begun implements AutoCloseable {
        private final ImportPlan plan;
        private final BlockingQueue<Object> queue;
        private final Producer producer;
        private final Thread thread;
        private boolean done;

        private Begun(ImportService.Reader reader, ImportPlan plan, TaskContext ctx, int queued) {
            this.plan = plan;
            queue = new ArrayBlockingQueue<>(queued);
            producer = new Producer(queue, queued, ctx);
            thread = new Thread(() -> producer.run(reader, plan), "import-parser");
            thread.setDaemon(true);
            thread.start();
        }

        /** The plan being read. */
        ImportPlan plan() {
            return plan;
        }

        /**
         * Hands every row, in file order, to {@code sink} on the calling thread, {@code ctx} now being the read's
         * context too; a failure of the read is rethrown here as it was thrown. Once only.
         */
        void drainInto(EventSink sink, TaskContext ctx) throws IOException {
            if (done) {
                throw new IllegalStateException("already read");
            }
            producer.ctx = ctx;
            try {
                while (true) {
                    Object next = queue.take();
                    if (next == END) {
                        done = true;
                        return;
                    }
                    if (next instanceof Throwable t) {
                        done = true;
                        Failures.rethrow(t);
                    }
                    RowBatch batch = (RowBatch) next;
                    batch.replayInto(sink);
                    batch.clear();
                    producer.free.offer(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } finally {
                close();
            }
        }

        /** How many batches the read has made so far (the rest were reused). */
        int batchesMade() {
            return producer.made;
        }

        /** Stops the read unless it ended, and waits for its thread. */
        @Override
        public void close() {
            if (!done) {
                done = true;
                producer.stop = true;
                queue.clear(); // frees a producer blocked on a full queue; it then sees stop
            }
            org.journeyexplorer.core.Threads.joinUninterruptibly(thread);
        }
    }

    /** The parsing side: fills batches and queues them; a context that also says "stop" when the consumer quit. */
    private static final class Producer implements EventSink, TaskContext {
        private final BlockingQueue<Object> queue;
        /** The import's context: the one the read began with, then the one it is drained under. */
        volatile TaskContext ctx;
        volatile boolean stop;
        /**
         * Batches the consumer has handed on, to be filled again (sparing some 150 KB of new arrays per batch). Room
         * for every batch that can be queued: a smaller pool dropped the batches an early read had queued once the
         * consumer caught up, and the producer then made new ones (60 % of a 5 M import's batches, 140 MB).
         */
        final BlockingQueue<RowBatch> free;
        private RowBatch batch = new RowBatch(BATCH);
        volatile int made = 1;

        Producer(BlockingQueue<Object> queue, int queued, TaskContext ctx) {
            this.queue = queue;
            this.free = new ArrayBlockingQueue<>(queued + 2);
            this.ctx = ctx;
        }

        void run(ImportService.Reader reader, ImportPlan plan) {
            Object last;
            try {
                reader.read(plan, this, this);
                flush();
                last = END;
            } catch (Throwable t) {
                last = t;
            }
            try {
                put(last);
            } catch (CancelledException e) {
                // the consumer quit first and no longer listens
            }
        }

        @Override
        public void event(ParsedEvent event) {
            batch.event(event);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        @Override
        public void event(long line, String personId, String anonymousId, long timeMicros, String eventName,
                          byte[] json, int from, int to, IdentityValues identity) {
            batch.event(line, personId, anonymousId, timeMicros, eventName, json, from, to, identity);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        @Override
        public void event(long line, String personId, int personCode, String anonymousId, int anonymousCode,
                          long timeMicros, String eventName, byte[] json, int from, int to, IdentityValues identity) {
            batch.event(line, personId, personCode, anonymousId, anonymousCode, timeMicros, eventName, json, from,
                    to, identity);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        @Override
        public void reject(long line, String reason, String raw) {
            batch.reject(line, reason, raw);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        private void flush() {
            if (batch.size() == 0) {
                return;
            }
            put(batch);
            RowBatch reused = free.poll();
            if (reused == null) {
                reused = new RowBatch(BATCH);
                made++;
            }
            batch = reused;
        }

        private void put(Object o) {
            try {
                while (!queue.offer(o, 50, TimeUnit.MILLISECONDS)) {
                    if (stop) {
                        throw new CancelledException();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }

        @Override
        public void progress(long done, long total) {
            ctx.progress(done, total);
        }

        @Override
        public void message(String message) {
            ctx.message(message);
        }

        @Override
        public boolean isCancelled() {
            return stop || ctx.isCancelled();
        }
    }
}
