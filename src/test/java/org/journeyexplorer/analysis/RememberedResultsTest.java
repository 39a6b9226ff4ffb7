package org.journeyexplorer.analysis;

import org.journeyexplorer.core.TaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The results a frame keeps for every event of it ({@link Selection#remembered}): a cleared filter asks for the
 * same flow, funnel, metrics, overview or transitions again. Each kept result must be what a new computation
 * gives, for its own query only, after others were asked for in between.
 */
class RememberedResultsTest {
    private static final EventFrame F = FrameFixture.frame(
            "p1: home search view cart buy | home view",
            "p2: search view view cart | home buy",
            "p3: home search search view cart buy",
            "p4: view cart | cart buy | home");

    @AfterEach
    void restore() {
        Selection.rememberResults = true;
    }

    /** Runs {@code body} on a thread of its own, keeping what it returns or throws. */
    private static final class Asker extends Thread {
        volatile Object result;
        volatile Throwable failure;
        private final java.util.function.Supplier<Object> body;

        Asker(java.util.function.Supplier<Object> body) {
            this.body = body;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                result = body.get();
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    /** Waits until {@code t} waits (for a latch or a computation in progress). */
    private static void untilWaiting(Thread t) throws InterruptedException {
        while (t.getState() != Thread.State.WAITING && t.isAlive()) {
            Thread.sleep(1);
        }
    }

    @Test
    void aSecondAskWhileTheFirstStillComputesWaitsForItsResult() throws Exception {
        EventFrame f = twin(F);
        java.util.concurrent.atomic.AtomicInteger computed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.function.Supplier<Object> slow = () -> {
            computed.incrementAndGet();
            try {
                go.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new Object();
        };
        Asker first = new Asker(() -> Selection.all(f).remembered("q", slow));
        first.start();
        untilWaiting(first); // inside its computation
        Asker second = new Asker(() -> Selection.all(f).remembered("q", slow));
        second.start();
        untilWaiting(second);
        go.countDown();
        first.join();
        second.join();
        assertEquals(1, computed.get(), "computed once");
        assertSame(first.result, second.result);
        assertSame(first.result, Selection.all(f).remembered("q", Object::new), "and kept");
    }

    @Test
    void aSecondAskComputesItselfWhenTheFirstFails() throws Exception {
        EventFrame f = twin(F);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        Asker first = new Asker(() -> Selection.all(f).remembered("q", () -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            throw new org.journeyexplorer.core.CancelledException();
        }));
        first.start();
        untilWaiting(first);
        Object mine = new Object();
        Asker second = new Asker(() -> Selection.all(f).remembered("q", () -> mine));
        second.start();
        untilWaiting(second);
        go.countDown();
        first.join();
        second.join();
        assertEquals(org.journeyexplorer.core.CancelledException.class, first.failure.getClass());
        assertSame(mine, second.result, "computed by the second ask once the first failed");
        assertSame(mine, Selection.all(f).remembered("q", Object::new));
    }

    /** The same events in a frame of its own: nothing kept yet, so everything computed anew. */
    private static EventFrame twin(EventFrame f) {
        return new EventFrame(f.time, f.type, f.sessionStart, f.personStart, f.sourceRows(), f.typeNames,
                f.personNames);
    }

    private static <Q, R> void keptPerQuery(Function<Selection, Function<Q, R>> analysis, Q first, Q other) {
        EventFrame f = twin(F);
        R a = analysis.apply(Selection.all(f)).apply(first);
        R b = analysis.apply(Selection.all(f)).apply(other);
        R again = analysis.apply(Selection.all(f)).apply(first);
        assertSame(a, again, "a cleared filter's second ask is the kept result");
        assertEquals(analysis.apply(Selection.all(twin(F))).apply(first), again, "and it is a fresh engine's");
        assertEquals(analysis.apply(Selection.all(twin(F))).apply(other), b, "the query between keeps its own");
        assertNotEquals(a, b);
        // a filtered selection, even of every event, computes each time
        BitSet every = new BitSet();
        every.set(0, f.size);
        R filtered = analysis.apply(Selection.of(f, every)).apply(first);
        assertNotSame(a, filtered);
        assertEquals(a, filtered);
        // another frame of the same events (a timeout set and set back builds one) keeps its own
        assertNotSame(a, analysis.apply(Selection.all(twin(f))).apply(first));
    }

    private static void assertNotEquals(Object a, Object b) {
        org.junit.jupiter.api.Assertions.assertNotEquals(a, b, "the two queries were meant to differ");
    }

    @Test
    void flows() {
        keptPerQuery(s -> q -> Flows.compute(s, q), FlowQuery.forward("home", 3),
                FlowQuery.forward("home", 3).withUnit(CountUnit.PERSONS));
    }

    @Test
    void funnels() {
        keptPerQuery(s -> q -> Funnels.compute(s, q), FunnelQuery.of(List.of("home", "buy"), FunnelQuery.NO_WINDOW),
                FunnelQuery.of(List.of("search", "cart"), FunnelQuery.NO_WINDOW));
    }

    @Test
    void metricsAndOverview() {
        keptPerQuery(s -> q -> Metrics.compute(s, q), MetricsQuery.of("buy", CountUnit.SESSIONS),
                MetricsQuery.of("buy", CountUnit.PERSONS));
        keptPerQuery(s -> top -> Metrics.overview(s, top), 2, 3);
    }

    @Test
    void transitionsCountsAndTimesApart() {
        EventFrame f = twin(F);
        TransitionMatrix counts = Transitions.counts(Selection.all(f), CountUnit.SESSIONS, TaskContext.NONE);
        TransitionMatrix timed = Transitions.compute(Selection.all(f), TaskContext.NONE);
        TransitionMatrix persons = Transitions.compute(Selection.all(f), CountUnit.PERSONS, TaskContext.NONE);
        assertSame(counts, Transitions.counts(Selection.all(f), CountUnit.SESSIONS, TaskContext.NONE));
        assertSame(timed, Transitions.compute(Selection.all(f), TaskContext.NONE));
        assertSame(persons, Transitions.compute(Selection.all(f), CountUnit.PERSONS, TaskContext.NONE));
        assertEquals(cells(Transitions.counts(Selection.all(twin(F)), CountUnit.SESSIONS, TaskContext.NONE)),
                cells(counts));
        assertEquals(cells(Transitions.compute(Selection.all(twin(F)), TaskContext.NONE)), cells(timed));
        assertEquals(cells(Transitions.compute(Selection.all(twin(F)), CountUnit.PERSONS, TaskContext.NONE)),
                cells(persons));
        assertEquals(true, counts.timesPending());
        assertEquals(false, timed.timesPending());
        org.junit.jupiter.api.Assertions.assertNotEquals(cells(timed), cells(persons));
    }

    /** Every pair's count, median and p90, as text. */
    private static List<String> cells(TransitionMatrix m) {
        List<String> out = new java.util.ArrayList<>();
        for (int a = 0; a < m.size(); a++) {
            for (int b : m.successors(a)) {
                out.add(m.name(a) + ">" + m.name(b) + " " + m.count(a, b) + " " + m.medianMicros(a, b) + " "
                        + m.p90Micros(a, b));
            }
        }
        return out;
    }

    /**
     * A frame a live catch-up replaces forgets its label arrays and results ({@link EventFrame#forgetRemembered}): an
     * analysis still asked over it computes the same result again.
     */
    @Test
    void aForgottenFrameComputesItsResultsAgain() {
        EventFrame f = twin(F);
        FlowResult first = Flows.compute(Selection.all(f), FlowQuery.forward("home", 2));
        assertSame(first, Flows.compute(Selection.all(f), FlowQuery.forward("home", 2)));
        // flows and funnels label each unit's events as they walk it; a funnel's step proposal keeps a label array
        // of every event
        Funnels.following(Selection.all(f), FunnelQuery.of(List.of("home", "buy"), 86_400_000_000L));
        assertEquals(1, f.allLabels.size(), "the label array of every event");
        f.forgetRemembered();
        assertEquals(0, f.allLabels.size());
        FlowResult again = Flows.compute(Selection.all(f), FlowQuery.forward("home", 2));
        assertNotSame(first, again);
        assertEquals(first, again);
    }

    @Test
    void theLastSixteenAreKeptAndTheWaysOfComputingApart() {
        EventFrame f = twin(F);
        FlowResult first = Flows.compute(Selection.all(f), FlowQuery.forward("home", 1));
        for (int steps = 2; steps <= EventFrame.REMEMBERED; steps++) {
            Flows.compute(Selection.all(f), FlowQuery.forward("home", steps));
        }
        assertSame(first, Flows.compute(Selection.all(f), FlowQuery.forward("home", 1)));
        for (int steps = 2; steps <= EventFrame.REMEMBERED + 1; steps++) {
            Flows.compute(Selection.all(f), FlowQuery.forward("search", steps));
        }
        FlowResult again = Flows.compute(Selection.all(f), FlowQuery.forward("home", 1));
        assertNotSame(first, again, "sixteen others since: computed again");
        assertEquals(first, again);
        // tests compare the parallel and the single-threaded way: each is computed
        int saved = Chunks.minPerPart;
        Chunks.minPerPart = 1;
        try {
            assertNotSame(again, Flows.compute(Selection.all(f), FlowQuery.forward("home", 1)));
        } finally {
            Chunks.minPerPart = saved;
        }
        Selection.rememberResults = false;
        assertNotSame(again, Flows.compute(Selection.all(f), FlowQuery.forward("home", 1)));
    }
}
