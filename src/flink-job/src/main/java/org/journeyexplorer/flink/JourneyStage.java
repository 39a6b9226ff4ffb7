package org.journeyexplorer.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * What the device stage and the person stage share: each key's {@link Timeline} (events held until event time
 * passes them, then applied in time order), late events to the late topic, session ends, and the model in force.
 *
 * <p>The model: the one the job was started with, then each new one its {@link ModelWatch} hands on (a changed
 * model file, a message of the model topic). The model in force is in every checkpoint (operator state), so a
 * recovered task goes on with it until the file or topic says otherwise.
 *
 * @param <OUT> the stage's main output
 */
abstract class JourneyStage<OUT> extends KeyedProcessFunction<String, JourneyEvent, OUT>
        implements CheckpointedFunction {
    /** The model in force, one entry per task. */
    private static final ListStateDescriptor<ModelUpdate> MODEL = new ListStateDescriptor<>("model-in-force",
            TypeInformation.of(ModelUpdate.class));

    final JobOptions options;
    private final ModelUpdate initial;
    private final ScorerFactory factory;
    private final long timeoutMicros;
    private transient ValueState<Timeline> timeline;
    private transient ListState<ModelUpdate> modelState;
    /** The model in force and its scorer. */
    private transient ModelUpdate model;
    private transient Scorer scorer;
    private transient ModelWatch watch;
    /** The watch's {@link ModelWatch#version()} this task has taken. */
    private transient long watched;
    /** This task's writer of per-event scores (one per task thread, reused). */
    private transient Outputs.Json json;
    /** One instance per event name (see {@link #processElement}). */
    private transient java.util.HashMap<String, String> names;

    JourneyStage(JobOptions options, ModelUpdate initial, ScorerFactory factory) {
        this.options = options;
        this.initial = initial;
        this.factory = factory;
        this.timeoutMicros = options.timeoutMicros();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        modelState = context.getOperatorStateStore().getListState(MODEL);
        model = initial;
        for (ModelUpdate u : modelState.get()) {
            model = u; // one per task (a rescaled job may give a task two, or none: any of them, or the start's)
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        modelState.update(java.util.List.of(model));
    }

    @Override
    public void open(OpenContext context) throws Exception {
        timeline = getRuntimeContext().getState(new ValueStateDescriptor<>("timeline",
                TypeInformation.of(Timeline.class)));
        json = new Outputs.Json(1024);
        names = new java.util.HashMap<>();
        if (model == null) {
            model = initial;
        }
        scorer = factory.load(model.text);
        if (options.model() != null || options.modelTopic() != null) {
            watch = new ModelWatch(options, factory, model, getRuntimeContext().getTaskInfo()
                    .getTaskNameWithSubtasks());
        }
    }

    @Override
    public void close() throws Exception {
        if (watch != null) {
            watch.close();
        }
    }

    /** Applies one released record, in event-time order. */
    abstract void apply(JourneyEvent e, Timeline t, Context ctx, Collector<OUT> out) throws Exception;

    /** Writes one output record. */
    abstract void emit(OutRecord r, Context ctx, Collector<OUT> out);

    /** The person the open session of this key belongs to. */
    String person(Context ctx) {
        return ctx.getCurrentKey();
    }

    @Override
    public void processElement(JourneyEvent e, Context ctx, Collector<OUT> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (e.fromSource && e.timeMillis() <= watermark) {
            emit(Outputs.late(e, options, watermark), ctx, out);
            return;
        }
        if (passOn(e, ctx, out)) {
            return;
        }
        // every record arrives with strings of its own; one instance per event name makes the session's names, looked
        // up again with every later event of the session (scoring, writing the path), equal by identity
        if (e.type != null) {
            String known = names.putIfAbsent(e.type, e.type);
            if (known != null) {
                e.type = known;
            } else if (names.size() > 10_000) {
                names.clear();
            }
        }
        Timeline t = timeline.value();
        if (t == null) {
            t = new Timeline();
        }
        t.buffer(e);
        long at = e.timeMillis();
        if (t.timer == Timeline.NO_TIMER || at < t.timer) {
            if (t.timer != Timeline.NO_TIMER) {
                ctx.timerService().deleteEventTimeTimer(t.timer);
            }
            ctx.timerService().registerEventTimeTimer(at);
            t.timer = at;
        }
        timeline.update(t);
    }

    /**
     * Hands an event that is not late on at once instead of holding it until event time passes it; true if it
     * did. By default every event waits, as the order of a key's events decides its sessions.
     */
    boolean passOn(JourneyEvent e, Context ctx, Collector<OUT> out) throws Exception {
        return false;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        Timeline t = timeline.value();
        if (t == null || t.timer != timestamp) {
            return; // another timer of the key (the device stage's link), not the timeline's
        }
        t.timer = Timeline.NO_TIMER; // the key's one timer, just fired
        long watermark = ctx.timerService().currentWatermark();
        for (JourneyEvent e : t.release(watermark)) {
            apply(e, t, ctx, out);
        }
        Timeline.Closed closed = t.closeIfDue(watermark, timeoutMicros);
        if (closed != null) {
            emitSession(closed, ctx, out);
        }
        if (t.isEmpty()) {
            timeline.clear();
        } else {
            t.timer = t.nextTimerMillis(timeoutMicros);
            ctx.timerService().registerEventTimeTimer(t.timer);
            timeline.update(t);
        }
    }

    /** Adds an event to the key's own session, ending the previous one on a long gap, and scores it. */
    void addAndScore(JourneyEvent e, Timeline t, Context ctx, Collector<OUT> out) {
        Timeline.Closed closed = t.add(e.type, e.timeMicros, timeoutMicros);
        if (closed != null) {
            emitSession(closed, ctx, out);
        }
        Scorer s = scorer(ctx);
        emit(Outputs.score(json, person(ctx), t, s.score(t), s.id()), ctx, out);
    }

    /**
     * Ends the open session if {@code e} comes more than the timeout after its last event, as adding {@code e}
     * would; for the device stage, before a link moves the open session (else where the session ends would depend
     * on how far event time jumped at once).
     */
    void endSessionBefore(JourneyEvent e, Timeline t, Context ctx, Collector<OUT> out) {
        if (t.size > 0 && e.timeMicros - t.times[t.size - 1] > timeoutMicros) {
            emitSession(t.close(), ctx, out);
        }
    }

    /** Takes a device's open session into this key's (see {@link Timeline#merge}). */
    void merge(JourneyEvent m, Timeline t, Context ctx, Collector<OUT> out) {
        List<Timeline.Closed> closed = t.merge(m.movedTypes, m.movedTimes, timeoutMicros);
        for (Timeline.Closed c : closed) {
            emitSession(c, ctx, out);
        }
        emit(Outputs.merge(person(ctx), m.device, m.timeMicros), ctx, out);
    }

    void emitSession(Timeline.Closed c, Context ctx, Collector<OUT> out) {
        Scorer s = scorer(ctx);
        boolean converted = false;
        if (s.goal() != null) {
            for (String type : c.types()) {
                converted |= s.goal().equals(type);
            }
        }
        double score = s.score(c.types(), c.types().length).conversion();
        emit(Outputs.session(json, person(ctx), c, converted, score, s.id()), ctx, out);
    }

    /**
     * The model in force: the latest one the watch handed on, else the restored one or the one the job was started
     * with. One volatile read per call while no new model comes.
     */
    Scorer scorer(Context ctx) {
        if (watch != null && watch.version() != watched) {
            watched = watch.version();
            ModelUpdate u = watch.latest();
            if (u != null && !u.text.equals(model.text)) {
                try {
                    scorer = factory.load(u.text);
                    model = u;
                } catch (IllegalArgumentException e) {
                    // the watch read it as a model; a factory that now refuses it leaves the model in force
                    System.err.println("The model from " + u.source + " was not taken: " + e.getMessage());
                }
            }
        }
        return scorer;
    }
}
