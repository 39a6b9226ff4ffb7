package org.journeyexplorer.ingest;

import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.Failures;
import org.journeyexplorer.core.TaskContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the records of a CSV file on several threads and hands what they become to the sink in file order, on the
 * calling thread, exactly as a sequential read would: same events, same rejects, same line numbers.
 *
 * <p>The calling thread reads (and decompresses) the input and cuts it into blocks after a newline; worker threads
 * parse the blocks, each with its own {@link CsvRows}. A newline inside a quoted field looks like a record end, so
 * a cut may fall inside a record: the block before it then ends inside an open quote, which its parser reports.
 * Every block starts where the previous one ended cleanly, so a block whose parse ends cleanly started at a real
 * record boundary too; at the first block that does not, the rest of the file (from that block's start, a real
 * boundary) is read sequentially. Line numbers come from counting the newlines of the blocks before.
 *
 * <p>No thread outlives {@link #read}; a failure on a worker is rethrown on the calling thread, and cancellation
 * is checked while waiting for a block and every few thousand rows.
 */
final class ParallelCsv {
    /**
     * Bytes per block: about 2,000 rows of a typical event file. Larger blocks kept more parsed rows alive through
     * young collections (at 512 KB the import spent half as much again in GC for no faster parse).
     */
    static final int BLOCK_BYTES = 1 << 17;

    private static final AtomicInteger THREADS = new AtomicInteger();

    /**
     * Parsing threads for this machine: the cores but one (the writer and its chunk encoder keep a core busy), at
     * most 4 (beyond that the single writer is the limit). On 2 cores that is one: the parse then runs on the
     * pipeline's one reading thread, beside the writer, which already keeps both cores busy — measured on the 2-core
     * machine, quiet (load 1.9–2.9, the 5 M-event file, alternating): one thread 5.1–6.0 s wall, 6.5–7.3 s user CPU;
     * two 5.7–6.7 s wall, 8.1–9.0 s user CPU. {@code -Dje.import.parseThreads=N} sets it (benchmarks).
     */
    static int workers() {
        int cores = Runtime.getRuntime().availableProcessors();
        return Integer.getInteger("je.import.parseThreads", Math.max(1, Math.min(4, cores - 1)));
    }

    /** A piece of the input from a newline (or the header) to a newline (or the end), and what its records became. */
    private static final class Block {
        final byte[] buf;
        final int len;
        final long firstLine;
        final RowBatch out = new RowBatch(1024);
        /** The parse ran into the block's end inside a quoted field: the cut was inside a record. */
        boolean unclosed;
        /** Not parsed: no newline within the largest block, left to the sequential reader. */
        boolean tooLong;
        Future<?> done;

        Block(byte[] buf, int len, long firstLine) {
            this.buf = buf;
            this.len = len;
            this.firstLine = firstLine;
        }
    }

    private final CsvRows.Layout layout;
    private final char delimiter;
    private final Source.Opened in;
    private final EventSink sink;
    private final TaskContext ctx;
    private final int blockBytes;
    private final int workers;
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private volatile boolean stop;

    /** The input after the header. */
    private InputStream source;
    /** Bytes read but not in a block yet: {@code carry[carryFrom, carryTo)}, the end of the last block's array. */
    private byte[] carry;
    private int carryFrom;
    private int carryTo;
    private boolean eof;
    /** Line of the next block's first record. */
    private long nextLine;

    ParallelCsv(CsvRows.Layout layout, char delimiter, Source.Opened in, EventSink sink, TaskContext ctx,
                int blockBytes, int workers) {
        this.layout = layout;
        this.delimiter = delimiter;
        this.in = in;
        this.sink = sink;
        this.ctx = ctx;
        this.blockBytes = blockBytes;
        this.workers = workers;
    }

    /** Reads every record after the header that {@code header} has just read. */
    void read(CsvParser header) throws IOException {
        // what the header's parser read ahead comes first, so carried bytes always fit in a block
        source = new SequenceInputStream(new ByteArrayInputStream(header.buffer(), header.position(),
                header.limit() - header.position()), in.stream());
        carry = new byte[0];
        nextLine = header.nextLine();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "import-parse-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        IdCache.Shared ids = new IdCache.Shared();
        ThreadLocal<CsvRows> rows = ThreadLocal.withInitial(() -> new CsvRows(layout, ids));
        ArrayDeque<Block> pending = new ArrayDeque<>();
        // one block ahead per worker: more only keeps more parsed rows alive through young collections
        int window = workers + 1;
        long delivered = 0;
        try {
            while (true) {
                while (pending.size() < window) {
                    Block b = nextBlock();
                    if (b == null) {
                        break;
                    }
                    if (!b.tooLong) {
                        b.done = pool.submit(() -> {
                            parse(b, rows.get());
                            return null;
                        });
                    }
                    pending.add(b);
                }
                Block b = pending.poll();
                if (b == null) {
                    break;
                }
                await(b);
                while (b.unclosed) {
                    // the cut after b was inside a record: b and the next block make one block, parsed here
                    Block n = b.tooLong ? null : pending.isEmpty() ? nextBlock() : pending.poll();
                    if (n == null || n.tooLong || (long) b.len + n.len > CsvParser.MAX_RECORD_BYTES) {
                        if (n != null) {
                            pending.addFirst(n);
                        }
                        stop = true;
                        readSequentiallyFrom(b, pending, ids);
                        return;
                    }
                    await(n);
                    byte[] joined = Arrays.copyOf(b.buf, b.len + n.len);
                    System.arraycopy(n.buf, 0, joined, b.len, n.len);
                    recycle(b.buf);
                    recycle(n.buf);
                    b = new Block(joined, joined.length, b.firstLine);
                    parse(b, rows.get());
                }
                for (int i = 0; i < b.out.size(); i++) {
                    if ((++delivered & 4095) == 0) {
                        ctx.checkCancelled();
                        ctx.progress(in.bytesRead(), in.size());
                    }
                    b.out.replay(i, sink);
                }
                recycle(b.buf);
            }
            ctx.progress(in.bytesRead(), in.size());
        } finally {
            stop = true;
            pool.shutdownNow();
            awaitTermination(pool);
        }
    }

    /** Keeps a block's array for a later block, unless the bytes carried over still live in it. */
    private void recycle(byte[] buf) {
        if (buf != carry && buf.length == blockBytes) {
            free.add(buf);
        }
    }

    /** Parses one block (on a worker thread, or on the calling thread for a block joined with the next). */
    private void parse(Block b, CsvRows rows) throws IOException {
        CsvParser p = new CsvParser(b.buf, b.len, delimiter, b.firstLine);
        int k = 0;
        while (p.next()) {
            if (p.unclosedQuote()) {
                b.unclosed = true;
                return;
            }
            if ((++k & 255) == 0 && stop) {
                return;
            }
            rows.row(p, b.out);
        }
    }

    /**
     * The next block: what was carried over plus more input, up to the last newline. At the end of the input the
     * rest is the last block. A record longer than the largest block is left to the sequential reader (a block
     * marked unclosed and not parsed). Null when all was read.
     */
    private Block nextBlock() throws IOException {
        int len = carryTo - carryFrom;
        if (eof && len == 0) {
            return null;
        }
        byte[] buf = free.poll();
        if (buf == null || buf.length < len) {
            buf = new byte[Math.max(blockBytes, len)];
        }
        System.arraycopy(carry, carryFrom, buf, 0, len);
        InputStream stream = source;
        int cut;
        while (true) {
            while (len < buf.length && !eof) {
                int k = stream.read(buf, len, buf.length - len);
                if (k < 0) {
                    eof = true;
                } else {
                    len += k;
                }
            }
            cut = eof ? len : lastNewline(buf, len) + 1;
            if (cut > 0 || buf.length >= CsvParser.MAX_RECORD_BYTES) {
                break;
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        if (len == 0) {
            free.add(buf);
            return null;
        }
        Block b;
        if (cut == 0) {
            // no newline in the largest block: a record the sequential reader reports as it always did
            b = new Block(buf, len, nextLine);
            b.unclosed = true;
            b.tooLong = true;
            cut = len;
        } else {
            b = new Block(buf, cut, nextLine);
            nextLine += newlines(buf, cut);
        }
        carry = buf;
        carryFrom = cut;
        carryTo = len;
        return b;
    }

    private static int lastNewline(byte[] b, int len) {
        for (int i = len - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static long newlines(byte[] b, int len) {
        long n = 0;
        for (int i = 0; i < len; i++) {
            n += b[i] == '\n' ? 1 : 0;
        }
        return n;
    }

    /** From block {@code b} (a real record boundary) to the end of the input, on this thread. */
    private void readSequentiallyFrom(Block b, ArrayDeque<Block> later, IdCache.Shared ids) throws IOException {
        List<InputStream> parts = new ArrayList<>();
        parts.add(new ByteArrayInputStream(b.buf, 0, b.len));
        for (Block n : later) {
            parts.add(new ByteArrayInputStream(n.buf, 0, n.len));
        }
        parts.add(new ByteArrayInputStream(carry, carryFrom, carryTo - carryFrom));
        parts.add(source);
        InputStream rest = new SequenceInputStream(Collections.enumeration(parts));
        // the blocks before gave ids their codes: the same table goes on numbering them
        DelimitedReader.readSequentially(layout, ids, new CsvParser(rest, delimiter, b.firstLine), in, sink, ctx);
    }

    private void await(Block b) throws IOException {
        if (b.done == null) {
            return;
        }
        while (true) {
            try {
                b.done.get(50, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                ctx.checkCancelled();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } catch (ExecutionException e) {
                Failures.rethrow(e.getCause());
            }
        }
    }

    private static void awaitTermination(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
