package org.journeyexplorer.ui;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.journeyexplorer.ui.concurrent.HeldTaskRunner;
import org.journeyexplorer.ui.project.StoreBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A log that records activities' starts as well as their completes (XES lifecycle:transition) opens on the
 * completes: every such activity showed twice in a row (teleclaims: half of all steps a repeat of the one before).
 * The models run on the FX thread, as in the app (the navigator settles its history in a {@code runLater}).
 */
@ExtendWith(ApplicationExtension.class)
class LifecycleFilterFxTest {
    @TempDir
    Path dir;

    private static void onFx(java.util.concurrent.Callable<Void> body) throws Exception {
        try {
            WaitForAsyncUtils.asyncFx(body).get(120, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error; // an assertion that failed on the FX thread
            }
            throw e;
        }
    }

    /** Steps of the selection that repeat the step before in the same journey. */
    private static int repeats(Selection s) {
        EventFrame f = s.frame();
        int n = 0;
        for (int j = 0; j < f.sessionCount(); j++) {
            int last = -1;
            for (int i = f.sessionStart[j]; i < f.sessionStart[j + 1]; i++) {
                if (s.includes(i)) {
                    int t = f.type.get(i);
                    n += t == last ? 1 : 0;
                    last = t;
                }
            }
        }
        return n;
    }

    @Test
    void teleclaimsOpensOnItsCompletesAndAClearedFilterStaysClearedOnTheNextOpen() throws Exception {
        Path xes = Path.of(System.getProperty("je.test.resources", "src/test/resources"), "data",
                "teleclaims.xes.gz");
        Path project = dir.resolve("claims");
        try (StoreBackend b = new StoreBackend()) {
            b.open(project, TaskContext.NONE);
            b.importFile(Ingest.inspect(xes, ZoneOffset.UTC), false, new AtomicLong(), TaskContext.NONE);
        }
        onFx(() -> {
            try (StoreBackend b = new StoreBackend()) {
            AppModel m = new AppModel(b, new CurrentThreadTaskRunner());
            new ViewNavigator(m, Map.of());
            m.openProject(project);
            // counted from the file with Python's XML parser: 24,825 completes, 21,313 starts; in file order 21,313
            // of the 42,626 steps repeat the one before, none among the completes
            assertEquals(new FilterSettings(null, null, java.util.Set.of(), m.filtersProperty().get().zone(),
                    AppModel.LIFECYCLE, "complete"), m.filtersProperty().get());
            assertEquals(24_825, m.getSelection().count());
            assertEquals(0, repeats(m.getSelection()));
            assertEquals("Completes only: this log records 21,313 activity starts besides its 24,825 completes;"
                    + " each started activity showed twice. Clear the property to see both.", m.filterNoteProperty().get());

            m.filtersProperty().set(m.filtersProperty().get().withProperty(null, null));
            assertEquals("", m.filterNoteProperty().get(), "the note goes with the filter");
            assertEquals(46_138, m.getSelection().count());
            assertEquals(21_313, repeats(m.getSelection()));
            m.keepSettingsOnExit();
            }
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        onFx(() -> {
            try (StoreBackend b = new StoreBackend()) {
            AppModel m = new AppModel(b, new CurrentThreadTaskRunner());
            new ViewNavigator(m, Map.of());
            m.openProject(project);
            assertNull(m.filtersProperty().get().propertyKey(), "the analyst's choice, kept in the last view");
            assertEquals(46_138, m.getSelection().count());
            }
            return null;
        });
    }

    @Test
    void onlyCompletesOrFiltersSetMeanwhileLeaveTheFiltersAlone() throws Exception {
        onFx(() -> {
        // helpdesk-like: every event a complete; nothing to filter
        FakeBackend completes = new FakeBackend();
        completes.add("a", 0, "open", "{\"lifecycle:transition\":\"complete\"}")
                .add("a", 60, "close", "{\"lifecycle:transition\":\"complete\"}");
        AppModel m = new AppModel(completes, new CurrentThreadTaskRunner());
        new ViewNavigator(m, Map.of());
        m.openProject(Path.of("/tmp/c.mv.db"));
        assertEquals(FilterSettings.NONE.propertyKey(), m.filtersProperty().get().propertyKey());
        assertEquals("", m.filterNoteProperty().get());

        // starts and completes, but the analyst sets a date range while the lifecycles are read: it stays alone
        FakeBackend both = new FakeBackend();
        both.add("a", 0, "check", "{\"lifecycle:transition\":\"start\"}")
                .add("a", 60, "check", "{\"lifecycle:transition\":\"complete\"}");
        HeldTaskRunner runner = new HeldTaskRunner("Reading activity lifecycles"::equals);
        AppModel m2 = new AppModel(both, runner);
        new ViewNavigator(m2, Map.of());
        m2.openProject(Path.of("/tmp/b.mv.db"));
        assertEquals(java.util.List.of("Reading activity lifecycles"), runner.heldTitles());
        FilterSettings range = m2.filtersProperty().get().withRange(java.time.LocalDate.of(1970, 1, 1), null);
        m2.filtersProperty().set(range);
        runner.release();
        assertEquals(range, m2.filtersProperty().get());
        assertEquals("", m2.filterNoteProperty().get());
        return null;
        });
    }
}
