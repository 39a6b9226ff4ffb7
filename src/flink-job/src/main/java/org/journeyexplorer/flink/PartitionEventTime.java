package org.journeyexplorer.flink;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Carries each input partition's event time across a recovery. Chained right after the Kafka source, it passes
 * records and the source's watermarks on, and keeps per partition the highest record timestamp it has seen, which
 * goes into every checkpoint.
 *
 * <p>Why: Flink does not checkpoint watermarks. After a recovery the source starts every partition's watermark
 * from nothing, and a partition without a new record never gets one; the source's watermark (the least of its
 * partitions') then stays at its minimum, and with it the event time of every operator downstream: no held event
 * is scored and no session ends until that partition receives a record, which a quiet partition may never do.
 * Exactly so the failure test's recovered run stalled whenever the checkpoint it restored had read a partition to
 * its end. After a recovery this operator therefore emits the watermark the source had at the checkpoint,
 * advanced as the source's bounded-out-of-orderness rule would by the partitions' records since — the least over
 * the restored partitions of their highest timestamp less the bound — and the source's own watermark once that is
 * higher.
 *
 * <p>The restored event time is used only when the job runs with the parallelism it was checkpointed with (each
 * source subtask then reads the partitions it read before); a rescaled job starts from the source's watermark as
 * Flink does, and a partition that stays silent there holds event time back until it has a record or, with
 * {@code --idle}, is idle.
 */
final class PartitionEventTime extends AbstractStreamOperator<JourneyEvent>
        implements OneInputStreamOperator<JourneyEvent, JourneyEvent> {
    /**
     * Entries {subtask, parallelism, partition, highest timestamp}; partition -1: the watermark emitted then. Union
     * state, so that each subtask finds its own entries by index whatever the state's distribution.
     */
    private static final ListStateDescriptor<long[]> STATE = new ListStateDescriptor<>("partition-event-time",
            PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    private static final long NONE = Long.MIN_VALUE;

    private final long boundMillis;
    private final long intervalMillis;
    /** Highest record timestamp per partition ({@link #NONE}: no record seen or restored). */
    private long[] highest = new long[0];
    /** True after a recovery that restored this subtask's partitions: their event time then counts. */
    private boolean restored;
    private long emitted = NONE;
    private long fromSource = NONE;
    private transient ListState<long[]> state;

    /**
     * @param bound    the out-of-orderness bound of the source's watermark strategy
     * @param interval how often the restored event time is re-emitted while the source emits none
     */
    PartitionEventTime(java.time.Duration bound, java.time.Duration interval) {
        this.boundMillis = bound.toMillis();
        this.intervalMillis = Math.max(1, interval.toMillis());
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        state = context.getOperatorStateStore().getUnionListState(STATE);
        if (!context.isRestored()) {
            return;
        }
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        long hadWatermark = NONE;
        for (long[] e : state.get()) {
            if (e[0] != subtask || e[1] != parallelism) {
                continue;
            }
            if (e[2] < 0) {
                hadWatermark = Math.max(hadWatermark, e[3]);
            } else {
                see((int) e[2], e[3]);
            }
        }
        // only if the source had a watermark at the checkpoint: else one of its partitions had no record yet, is
        // missing here, and must go on holding event time back
        restored = hadWatermark != NONE && restoredWatermark() != NONE;
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (restored) {
            tick(getProcessingTimeService().getCurrentProcessingTime());
        }
    }

    /** Re-emits the restored event time as it advances, as the source's periodic watermarks would. */
    private void tick(long now) {
        emitIfHigher(Math.max(fromSource, restoredWatermark()));
        getProcessingTimeService().registerTimer(now + intervalMillis, this::tick);
    }

    @Override
    public void processElement(StreamRecord<JourneyEvent> element) {
        if (element.hasTimestamp()) {
            see(element.getValue().partition, element.getTimestamp());
        }
        output.collect(element);
    }

    private void see(int partition, long timestamp) {
        if (partition >= highest.length) {
            int n = highest.length;
            highest = Arrays.copyOf(highest, Math.max(partition + 1, n * 2));
            Arrays.fill(highest, n, highest.length, NONE);
        }
        if (timestamp > highest[partition]) {
            highest[partition] = timestamp;
        }
    }

    @Override
    public void processWatermark(Watermark mark) {
        fromSource = mark.getTimestamp();
        emitIfHigher(restored ? Math.max(fromSource, restoredWatermark()) : fromSource);
    }

    /** The least over the partitions seen of their highest timestamp less the bound (the source's rule). */
    private long restoredWatermark() {
        long min = Long.MAX_VALUE;
        for (long h : highest) {
            if (h != NONE) {
                min = Math.min(min, h - boundMillis - 1);
            }
        }
        return min == Long.MAX_VALUE ? NONE : min;
    }

    private void emitIfHigher(long watermark) {
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        List<long[]> entries = new ArrayList<>();
        for (int p = 0; p < highest.length; p++) {
            if (highest[p] != NONE) {
                entries.add(new long[]{subtask, parallelism, p, highest[p]});
            }
        }
        entries.add(new long[]{subtask, parallelism, -1, emitted});
        state.update(entries);
    }
}
