package org.journeyexplorer.ui;

import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.Segment;
import org.journeyexplorer.analysis.SegmentCondition;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The analyst's segments survive closing and reopening the project, and stay with their own project. */
class SegmentsKeptInProjectTest {
    private static final Path PROJECT = Path.of("/tmp/shop.mv.db");
    private static final Segment IOS = new Segment("iOS", CountUnit.PERSONS,
            List.of(new SegmentCondition.Property("device", Set.of("ios", "ipados"), false)));
    private static final Segment BUYERS_IN_MAY = new Segment("May buyers", CountUnit.SESSIONS, List.of(
            new SegmentCondition.Performed("buy", true),
            new SegmentCondition.Dates(LocalDate.of(2025, 5, 1), LocalDate.of(2025, 5, 31))));

    private FakeBackend backend;
    private final List<Throwable> errors = new ArrayList<>();

    @BeforeEach
    void setUp() {
        backend = new FakeBackend().add("a", 0, "view").add("a", 60, "buy");
    }

    private AppModel app() {
        AppModel model = new AppModel(backend, new CurrentThreadTaskRunner());
        model.setErrorHandler(errors::add);
        return model;
    }

    @Test
    void segmentsComeBackWhenTheProjectIsOpenedAgain() {
        AppModel first = app();
        first.openProject(PROJECT);
        first.segments().add(IOS);
        first.segments().add(BUYERS_IN_MAY);
        first.segments().remove(IOS);
        first.segments().add(IOS);
        // a reload after an import keeps the list as it is
        first.reloadFrame();
        assertEquals(List.of(BUYERS_IN_MAY, IOS), first.segments());

        // reopening the same project (not a reload) must not wipe what it stored
        first.openProject(PROJECT);
        assertEquals(List.of(BUYERS_IN_MAY, IOS), first.segments());

        AppModel restarted = app();
        restarted.openProject(PROJECT);
        assertEquals(List.of(BUYERS_IN_MAY, IOS), restarted.segments());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aProjectWithoutSegmentsStartsEmptyAndUnreadableOnesAreReportedNotFatal() {
        AppModel model = app();
        model.openProject(PROJECT);
        assertEquals(List.of(), model.segments());
        assertEquals(Optional.empty(), backend.userSetting(AppModel.SEGMENTS_SETTING), "nothing written before a change");

        backend.putUserSetting(AppModel.SEGMENTS_SETTING, "{not json");
        model.openProject(PROJECT);
        assertEquals(List.of(), model.segments());
        assertEquals(1, errors.size());
        assertEquals("The stored segments are not valid JSON.", errors.get(0).getMessage());
        // what the analyst defines next is kept over the unreadable text
        model.segments().add(IOS);
        AppModel again = app();
        again.openProject(PROJECT);
        assertEquals(List.of(IOS), again.segments());
    }
}
