package org.journeyexplorer.flink;

import org.apache.flink.util.Collector;

/**
 * Keyed by person (a user id, or the shared "(no id)" person): cuts sessions over the events of all the person's
 * devices in event-time order, scores every event, publishes each session when it ends, and takes in the open
 * session of a device when the device links to the person.
 */
final class PersonStage extends JourneyStage<OutRecord> {

    PersonStage(JobOptions options, ModelUpdate initial, ScorerFactory factory) {
        super(options, initial, factory);
    }

    /** Output of the device stage (its scores and sessions, late events, unreadable messages) goes on to the sink. */
    @Override
    boolean passOn(JourneyEvent e, Context ctx, Collector<OutRecord> out) {
        if (e.kind == JourneyEvent.OUTPUT) {
            out.collect(e.out);
            return true;
        }
        return false;
    }

    @Override
    void apply(JourneyEvent e, Timeline t, Context ctx, Collector<OutRecord> out) {
        if (e.kind == JourneyEvent.MERGE) {
            merge(e, t, ctx, out);
        } else {
            addAndScore(e, t, ctx, out);
        }
    }

    @Override
    void emit(OutRecord r, Context ctx, Collector<OutRecord> out) {
        out.collect(r);
    }
}
