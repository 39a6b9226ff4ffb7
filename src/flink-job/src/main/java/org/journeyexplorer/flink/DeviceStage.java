package org.journeyexplorer.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by device (anonymous) id: decides whom each device event belongs to, with the app's rule — a device joins
 * the user it is first seen with (first in event time) and keeps that link; an event carrying a user id belongs to
 * that user. Until it is linked, a device is a person of its own: its sessions are cut, scored and published here
 * under the device id. At the link its open session moves to the user (a {@link JourneyEvent#MERGE} record for the
 * person stage); from then on its events are forwarded to the person stage under the user.
 */
final class DeviceStage extends JourneyStage<JourneyEvent> {
    /** Scores and sessions of devices not yet linked, late events. */
    static final OutputTag<OutRecord> OUT = new OutputTag<>("device-out") {
    };

    private transient ValueState<String> linkedUser;

    DeviceStage(JobOptions options, ModelUpdate initial, ScorerFactory factory) {
        super(options, initial, factory);
    }

    @Override
    public void open(OpenContext context) throws Exception {
        super.open(context);
        ValueStateDescriptor<String> d = new ValueStateDescriptor<>("linked-user", Types.STRING);
        // reading the link at each of the device's events renews it; a device silent for longer is forgotten
        d.enableTimeToLive(StateTtlConfig.newBuilder(options.identityTtl())
                .setUpdateType(StateTtlConfig.UpdateType.OnReadAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired).build());
        linkedUser = getRuntimeContext().getState(d);
    }

    /**
     * A device already linked: its event belongs to a person without waiting for event time (the link is final,
     * and the person stage orders the person's events by time itself), which spares the device stage's timeline
     * and timer for most events of signed-in persons.
     */
    @Override
    boolean passOn(JourneyEvent e, ReadOnlyContext ctx, Collector<JourneyEvent> out) throws Exception {
        String link = linkedUser.value();
        if (link == null) {
            return false;
        }
        out.collect(e.routedTo(e.user != null ? e.user : link));
        return true;
    }

    @Override
    void apply(JourneyEvent e, Timeline t, ReadOnlyContext ctx, Collector<JourneyEvent> out) throws Exception {
        String link = linkedUser.value();
        if (link == null && e.user == null) {
            addAndScore(e, t, ctx, out);
            return;
        }
        if (link == null) {
            link = e.user;
            linkedUser.update(link);
            endSessionBefore(e, t, ctx, out);
            JourneyEvent m = new JourneyEvent();
            m.kind = JourneyEvent.MERGE;
            m.person = link;
            m.device = ctx.getCurrentKey();
            m.timeMicros = e.timeMicros;
            m.seq = e.seq;
            m.movedTypes = t.sessionTypes();
            m.movedTimes = t.sessionTimes();
            t.close();
            out.collect(m);
        }
        out.collect(e.routedTo(e.user != null ? e.user : link));
    }

    @Override
    void emit(OutRecord r, ReadOnlyContext ctx, Collector<JourneyEvent> out) {
        ctx.output(OUT, r);
    }
}
