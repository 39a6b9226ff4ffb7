package org.journeyexplorer.ui.project;

import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.FakeBackend;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProjectPanelViewModelTest {
    private static final long DAY = 86_400;
    private AppModel model;
    private ProjectPanelViewModel vm;

    @BeforeEach
    void setUp() {
        FakeBackend b = new FakeBackend()
                .add("a", 0, "open").add("a", 60, "open").add("a", 120, "buy")
                .add("b", DAY, "open").add("b", DAY + 4000, "open");
        model = new AppModel(b, new CurrentThreadTaskRunner());
        vm = new ProjectPanelViewModel(model);
        model.openProject(Path.of("/tmp/panel.mv.db"));
    }

    @Test
    void summaryShowsCountsAndTypesMostFrequentFirst() {
        assertEquals("panel", vm.projectNameProperty().get());
        assertEquals("5", vm.eventsProperty().get());
        assertEquals("2", vm.personsProperty().get());
        assertEquals("3", vm.sessionsProperty().get()); // b's 4000 s gap splits
        assertEquals(List.of("open", "buy"), vm.eventTypes().stream().map(EventTypeItem::getName).toList());
        assertEquals(4, vm.eventTypes().get(0).getCount());
    }

    @Test
    void untickingATypeHidesItAndResetShowsEverythingAgain() {
        vm.eventTypes().get(0).setShown(false);
        assertEquals(Set.of("open"), model.filtersProperty().get().hiddenTypes());
        assertEquals(1, model.getSelection().count());
        vm.resetFilters();
        assertEquals(5, model.getSelection().count());
        assertEquals(true, vm.eventTypes().get(0).isShown());
    }

    @Test
    void datesAndSessionOptionsReachTheModel() {
        vm.fromProperty().set(LocalDate.of(1970, 1, 2));
        assertEquals(LocalDate.of(1970, 1, 2), model.filtersProperty().get().from());
        vm.sessionTimeoutMinutesProperty().set(120);
        assertEquals(Duration.ofMinutes(120), model.frameOptionsProperty().get().sessionTimeout());
        assertEquals("2", vm.sessionsProperty().get());
        vm.stitchingProperty().set(false);
        assertEquals(false, model.frameOptionsProperty().get().stitchIdentities());
    }
}
