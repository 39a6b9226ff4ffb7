package org.journeyexplorer.ui.heatmap;

import org.journeyexplorer.analysis.Drilldown;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.Transitions;
import org.journeyexplorer.chart.HeatmapAdapter;
import org.journeyexplorer.chart.HeatmapData;
import org.journeyexplorer.chart.TinyFrames;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransitionsViewModelTest {

    // sessions: 0 "a b c", 1 "b a", 2 "a c" | 3 "a b"
    private final Selection sel = Selection.all(TinyFrames.of("a b c", "b a", "a c | a b"));

    @Test
    void sessionsWithATransitionIncludingStartAndEnd() {
        assertArrayEquals(new int[]{0, 3}, TransitionsViewModel.sessionsWith(sel, "a", "b", TaskContext.NONE));
        assertArrayEquals(new int[]{1}, TransitionsViewModel.sessionsWith(sel, "START", "b", TaskContext.NONE));
        assertArrayEquals(new int[]{0, 2}, TransitionsViewModel.sessionsWith(sel, "c", "END", TaskContext.NONE));
        assertArrayEquals(new int[]{1}, TransitionsViewModel.sessionsWith(sel, "a", "END", TaskContext.NONE));
    }

    @Test
    void excludedEventsMakeTheirNeighboursAdjacent() {
        BitSet keep = new BitSet();
        keep.set(0, sel.frame().size);
        keep.clear(1); // the b of session 0: a c remains
        Selection s = Selection.of(sel.frame(), keep);
        assertArrayEquals(new int[]{0, 2}, TransitionsViewModel.sessionsWith(s, "a", "c", TaskContext.NONE));
    }

    /** Runs each job only when the test says so, so the state between the counts and the times can be seen. */
    private static final class StepRunner implements org.journeyexplorer.ui.concurrent.TaskRunner {
        final java.util.ArrayDeque<Runnable> queued = new java.util.ArrayDeque<>();
        final List<String> titles = new ArrayList<>();

        @Override
        public <T> javafx.concurrent.Task<T> run(String title, java.util.function.Function<TaskContext, T> work,
                                                 java.util.function.Consumer<T> onSuccess,
                                                 java.util.function.Consumer<Throwable> onFailure) {
            titles.add(title);
            queued.add(() -> onSuccess.accept(work.apply(TaskContext.NONE)));
            return new javafx.concurrent.Task<>() {
                @Override
                protected T call() {
                    return null;
                }

                @Override
                public boolean cancel(boolean mayInterruptIfRunning) {
                    return false; // as a job that has already started: its result must be ignored
                }
            };
        }

        void step() {
            queued.remove().run();
        }
    }

    private static void assertCells(long[][] expected, long[][] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], actual[r], what + " row " + r);
        }
    }

    /** The distinct "Median time between" texts of the tooltips of every cell of {@code d}'s heatmap. */
    private static List<String> tooltipTimes(HeatmapData d) {
        org.journeyexplorer.chart.HeatmapGeometry g = org.journeyexplorer.chart.HeatmapLayout.layout(d,
                org.journeyexplorer.chart.HeatmapLayout.Mode.COUNT, org.journeyexplorer.chart.HeatmapLayout.Order.FREQUENCY,
                20);
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (org.journeyexplorer.chart.HeatmapGeometry.Cell c : g.cells()) {
            for (String line : HeatmapCanvas.cellText(g, c).split("\n")) {
                if (line.startsWith("Median time between: ")) {
                    out.add(line.substring("Median time between: ".length()));
                }
            }
        }
        return List.copyOf(out);
    }

    @Test
    void onALargeFrameTheCountsComeFirstAndTheTimesAfterNeverStaleOnes() {
        int saved = TransitionsViewModel.countsFirstEvents;
        TransitionsViewModel.countsFirstEvents = 0;
        try {
            Selection one = Selection.all(TinyFrames.of("a b c", "b a", "a c | a b"));
            BitSet keep = new BitSet();
            keep.set(0, one.frame().size);
            keep.clear(1);
            Selection two = Selection.of(one.frame(), keep);
            HeatmapData final1 = HeatmapAdapter.from(Transitions.compute(one, TaskContext.NONE),
                    TransitionsViewModel.DEFAULT_TOP_K);
            HeatmapData final2 = HeatmapAdapter.from(Transitions.compute(two, TaskContext.NONE),
                    TransitionsViewModel.DEFAULT_TOP_K);
            StepRunner runner = new StepRunner();
            TransitionsViewModel vm = new TransitionsViewModel(runner);
            vm.selectionProperty().set(one);
            runner.step();
            HeatmapData counts = vm.dataProperty().get();
            assertTrue(counts.timesPending(), "the counts are shown with their times pending");
            assertCells(final1.counts(), counts.counts(), "the counts are final at once");
            for (long[] row : counts.medianMicros()) {
                for (long m : row) {
                    assertEquals(-1, m, "no time before it is computed");
                }
            }
            assertEquals(List.of("computing…"), tooltipTimes(counts), "a pending time says so in the tooltip");
            assertTrue(vm.busyProperty().get(), "busy until the times are in");
            assertNotNull(vm.matrix(), "the picture (counts, shares) can be exported while the times are pending");
            assertTrue(vm.timesPending());
            UserFacingException refused = assertThrows(UserFacingException.class, vm::matrixForCsv,
                    "nothing to write to a CSV while the times are pending");
            assertTrue(refused.getMessage().contains("still being computed"), refused.getMessage());
            assertEquals(List.of("Counting transitions", "Timing transitions"), runner.titles);

            // the filter changes while the first selection's times are computed: they must never be shown
            vm.selectionProperty().set(two);
            runner.step(); // the first selection's times: superseded
            assertTrue(vm.dataProperty().get().timesPending());
            assertCells(final1.counts(), vm.dataProperty().get().counts(), "still the last counts shown");
            runner.step(); // the second selection's counts
            assertTrue(vm.dataProperty().get().timesPending());
            assertCells(final2.counts(), vm.dataProperty().get().counts(), "the new counts");
            runner.step(); // and its times
            HeatmapData timed = vm.dataProperty().get();
            assertFalse(timed.timesPending());
            assertFalse(vm.busyProperty().get());
            assertCells(final2.counts(), timed.counts(), "counts");
            assertCells(final2.medianMicros(), timed.medianMicros(), "medians");
            assertCells(final2.p90Micros(), timed.p90Micros(), "90th percentiles");
            assertNotNull(vm.matrix());
            assertFalse(vm.timesPending());
            assertSame(vm.matrix(), vm.matrixForCsv());
            assertFalse(tooltipTimes(timed).isEmpty());
            assertFalse(tooltipTimes(timed).contains("computing…"));
            assertTrue(runner.queued.isEmpty());
        } finally {
            TransitionsViewModel.countsFirstEvents = saved;
        }
    }

    @Test
    void computesTheMatrixAndDrillsDown() {
        TransitionsViewModel vm = new TransitionsViewModel(new CurrentThreadTaskRunner());
        List<Drilldown> got = new ArrayList<>();
        vm.setOnDrilldown(got::add);
        vm.selectionProperty().set(sel);
        HeatmapData d = vm.dataProperty().get();
        assertEquals(List.of("a", "b", "c"), d.types());
        assertEquals(3, d.counts()[0][0], "three sessions start with a");
        assertEquals(2, d.counts()[1][1], "a → b twice");
        vm.drill(1, 1);
        assertEquals("Sessions with a → b", got.get(0).description());
        assertArrayEquals(new int[]{0, 3}, got.get(0).sessions());
    }
}
