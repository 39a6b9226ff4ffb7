package org.journeyexplorer.ui;

import org.journeyexplorer.analysis.Drilldown;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppModelTest {
    private static final long DAY = 86_400;
    private FakeBackend backend;
    private AppModel model;
    private final List<Throwable> errors = new ArrayList<>();

    @BeforeEach
    void setUp() {
        // alice: two sessions on day 0 (gap 2 h), one on day 2; bob: one session on day 1
        backend = new FakeBackend()
                .add("alice", 0, "open").add("alice", 60, "search").add("alice", 120, "buy")
                .add("alice", 7200, "open")
                .add("alice", 2 * DAY, "open").add("alice", 2 * DAY + 30, "search")
                .add("bob", DAY, "open").add("bob", DAY + 10, "search");
        model = new AppModel(backend, new CurrentThreadTaskRunner());
        model.setErrorHandler(errors::add);
    }

    @Test
    void openingAProjectBuildsTheFrameAndSelectsEverything() {
        model.openProject(Path.of("/tmp/x.mv.db"));
        assertEquals("x", model.getProject().name());
        assertEquals(8, model.getFrame().size);
        assertEquals(2, model.getFrame().personCount());
        assertEquals(4, model.getFrame().sessionCount()); // alice 3, bob 1
        assertTrue(model.getSelection().isAll());
        assertEquals(false, model.loadingProperty().get());
    }

    @Test
    void aSupersededFrameBuildsFailureIsNotReported() {
        org.journeyexplorer.ui.concurrent.HeldTaskRunner held =
                new org.journeyexplorer.ui.concurrent.HeldTaskRunner("Building journeys"::equals);
        model = new AppModel(backend, held);
        model.setErrorHandler(errors::add);
        model.openProject(Path.of("/tmp/x.mv.db"));
        model.frameOptionsProperty().set(new FrameOptions(true, Duration.ofHours(3))); // a second build
        assertEquals(List.of("Building journeys", "Building journeys"), held.heldTitles());
        // both end in failure, as a build does when the project it read was closed under it
        held.fail(new IllegalStateException("no project is open"));
        assertEquals(1, errors.size(), "only the current build's failure reaches the user: " + errors);
        assertEquals(false, model.loadingProperty().get());
    }

    @Test
    void filtersNarrowTheSelection() {
        model.openProject(Path.of("/tmp/x.mv.db"));
        model.filtersProperty().set(FilterSettings.NONE.withHidden(Set.of("open")));
        assertEquals(4, model.getSelection().count()); // 8 events minus 4 "open"

        // day 1 only (UTC): bob's two events
        model.filtersProperty().set(new FilterSettings(LocalDate.of(1970, 1, 2), LocalDate.of(1970, 1, 2),
                Set.of(), ZoneOffset.UTC));
        assertEquals(2, model.getSelection().count());
        assertTrue(model.getSelection().includes(6) || model.getSelection().includes(7));
    }

    @Test
    void sessionTimeoutRebuildsTheFrame() {
        model.openProject(Path.of("/tmp/x.mv.db"));
        model.frameOptionsProperty().set(new FrameOptions(true, Duration.ofHours(3)));
        assertEquals(3, model.getFrame().sessionCount()); // alice's 2 h gap no longer splits
    }

    @Test
    void aCaseLogsJourneysAreWholeCasesUntilTheAnalystChoosesSessions() {
        backend.journey = org.journeyexplorer.session.JourneyScope.CASE;
        model.openProject(Path.of("/tmp/x.mv.db"));
        assertEquals(2, model.getFrame().sessionCount()); // one journey per person, gaps of days or not
        var panel = new org.journeyexplorer.ui.project.ProjectPanelViewModel(model);
        assertEquals(org.journeyexplorer.session.JourneyScope.CASE, panel.journeyProperty().get());
        assertEquals("Cases", panel.journeysLabelProperty().get());
        assertEquals("Cases", model.journeysNounProperty().get(), "the views' toggles, cards and columns say cases");
        assertEquals("case", model.journeyWord(false), "running text: \"(start of a case)\"");
        assertEquals("cases", model.journeyWord(true));

        panel.journeyProperty().set(org.journeyexplorer.session.JourneyScope.SESSION);
        assertEquals(org.journeyexplorer.session.JourneyScope.SESSION, backend.journey, "saved in the project");
        assertEquals(4, model.getFrame().sessionCount());
        assertEquals("Sessions", panel.journeysLabelProperty().get());
        assertEquals("Sessions", model.journeysNounProperty().get());
        assertEquals("session", model.journeyWord(false));
        assertEquals("sessions", model.journeyWord(true));
        // reopening keeps the choice: it lives in the project, not in this window
        model.openProject(Path.of("/tmp/x.mv.db"));
        assertEquals(org.journeyexplorer.session.JourneyScope.SESSION, model.getProject().journey());
        assertEquals(4, model.getFrame().sessionCount());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void drilldownSwitchesToJourneys() {
        model.openProject(Path.of("/tmp/x.mv.db"));
        Drilldown d = Drilldown.of("Sessions with buy", new int[]{0}, model.getFrame());
        model.showJourneys(d);
        assertSame(d, model.drilldownProperty().get());
        assertEquals(Feature.JOURNEYS, model.selectedFeatureProperty().get());
        model.clearDrilldown();
        assertNull(model.drilldownProperty().get());
    }

    @Test
    void failuresReachTheErrorHandlerWithTheirMessage() {
        backend.openFailure = new UserFacingException("The project is open in another window");
        model.openProject(Path.of("/tmp/x.mv.db"));
        assertEquals(1, errors.size());
        assertEquals("The project is open in another window", Dialogs.messageOf(errors.get(0)));
        assertNull(model.getProject());
    }

    @Test
    void sortedTypeNamesIgnoresCaseAndLeavesTheFrameAlone() {
        String[] names = {"search", "Open", "buy", "Basket"};
        var f = new org.journeyexplorer.analysis.EventFrame(new int[0], new long[0], new int[0], new int[0],
                new int[]{0}, new int[]{0}, new int[0], names, new String[0]);
        assertEquals(List.of("Basket", "buy", "Open", "search"), AppModel.sortedTypeNames(f));
        assertEquals(List.of("search", "Open", "buy", "Basket"), List.of(names));
        assertEquals(List.of(), AppModel.sortedTypeNames(null));
    }
}
