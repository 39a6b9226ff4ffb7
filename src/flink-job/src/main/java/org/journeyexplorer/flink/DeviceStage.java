package org.journeyexplorer.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * Keyed by device (anonymous) id: decides whom each device event belongs to, with the app's rule — a device joins
 * the user it is first seen with (first in event time) and keeps that link; an event carrying a user id belongs to
 * that user. Until it is linked, a device is a person of its own: its sessions are cut, scored and published here
 * under the device id. At the link its open session moves to the user (a {@link JourneyEvent#MERGE} record for the
 * person stage); from then on its events are forwarded to the person stage under the user. What it publishes
 * itself goes the same way, as {@link JourneyEvent#OUTPUT} records. A device silent for
 * longer than the identity TTL in event time forgets its user ({@link DeviceLink}) and starts over unlinked.
 */
final class DeviceStage extends JourneyStage<JourneyEvent> {
    private transient ValueState<DeviceLink> link;
    private final long ttlMicros;

    DeviceStage(JobOptions options, ModelUpdate initial, ScorerFactory factory) {
        super(options, initial, factory);
        this.ttlMicros = options.identityTtl().toNanos() / 1000;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        super.open(context);
        // not Flink's state TTL: that one runs in processing time (a replayed backlog would forget nothing, a live
        // run would) and, on the heap backend, walks the state a few entries at every access, which cost a fifth of
        // this stage's CPU and half its allocations; here one event-time timer per link drops it
        link = getRuntimeContext().getState(new ValueStateDescriptor<>("device-link",
                TypeInformation.of(DeviceLink.class)));
    }

    /**
     * The user this device is linked to at event {@code e}, or null; a link the event keeps is renewed to the
     * event's time. A link the event comes too late for is dropped only when {@code inEventTime} (the event is
     * applied in event-time order): on arrival, the device's earlier events may still wait in its timeline, not
     * yet renewing the link, so the event then waits too and is judged when it is applied.
     */
    private String linkedUser(JourneyEvent e, boolean inEventTime) throws Exception {
        DeviceLink l = link.value();
        if (l == null) {
            return null;
        }
        if (l.expiredAt(e.timeMicros, ttlMicros)) {
            if (inEventTime) {
                link.clear(); // its timer, when it fires, finds no link (or a newer one with another time): passes
            }
            return null;
        }
        if (e.timeMicros > l.lastSeenMicros) {
            l.lastSeenMicros = e.timeMicros;
            link.update(l); // its timer stays where it is and moves on when it fires
        }
        return l.user;
    }

    /**
     * A device already linked, its event within the TTL of the link's latest renewal: the event belongs to the
     * user without waiting for event time (events of the device still waiting can only renew the link further, and
     * the person stage orders the person's events by time itself), which spares the device stage's timeline and
     * timer for most events of signed-in persons.
     */
    @Override
    boolean passOn(JourneyEvent e, Context ctx, Collector<JourneyEvent> out) throws Exception {
        if (e.device == null) {
            // keyed by the person it belongs to already (see JourneyEvent#deviceStageKey): an event without a device
            // id on to the person stage, an unreadable message on to the rejected topic
            if (e.kind == JourneyEvent.REJECTED) {
                emit(Outputs.rejected(e), ctx, out);
            } else {
                out.collect(e.routeTo(e.person));
            }
            return true;
        }
        String user = linkedUser(e, false);
        if (user == null) {
            return false;
        }
        out.collect(e.routeTo(e.user != null ? e.user : user));
        return true;
    }

    @Override
    void apply(JourneyEvent e, Timeline t, Context ctx, Collector<JourneyEvent> out) throws Exception {
        String user = linkedUser(e, true);
        if (user == null && e.user == null) {
            addAndScore(e, t, ctx, out);
            return;
        }
        if (user == null) {
            user = e.user;
            DeviceLink l = new DeviceLink(user, e.timeMicros);
            l.checkAtMillis = l.expiresAtMillis(ttlMicros);
            ctx.timerService().registerEventTimeTimer(l.checkAtMillis);
            link.update(l);
            endSessionBefore(e, t, ctx, out);
            JourneyEvent m = new JourneyEvent();
            m.kind = JourneyEvent.MERGE;
            m.person = user;
            m.device = ctx.getCurrentKey();
            m.timeMicros = e.timeMicros;
            m.seq = e.seq;
            m.movedTypes = t.sessionTypes();
            m.movedTimes = t.sessionTimes();
            t.close();
            out.collect(m);
        }
        out.collect(e.routeTo(e.user != null ? e.user : user));
    }

    /**
     * Drops a link event time has left behind, or moves its timer to where the link now expires. The timeline goes
     * first: an event it releases now may renew the link.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<JourneyEvent> out) throws Exception {
        super.onTimer(timestamp, ctx, out);
        DeviceLink l = link.value();
        if (l != null && l.checkAtMillis == timestamp) {
            long expires = l.expiresAtMillis(ttlMicros);
            if (timestamp >= expires) {
                link.clear();
            } else {
                l.checkAtMillis = expires;
                ctx.timerService().registerEventTimeTimer(expires);
                link.update(l);
            }
        }
    }

    /**
     * Scores and sessions of devices not yet linked, late events: on to the person stage, which hands them to the
     * sink chained to it (see {@link ScoringPipeline}).
     */
    @Override
    void emit(OutRecord r, Context ctx, Collector<JourneyEvent> out) {
        out.collect(JourneyEvent.output(r));
    }
}
