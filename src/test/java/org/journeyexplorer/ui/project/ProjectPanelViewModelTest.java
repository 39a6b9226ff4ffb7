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

    @Test
    void aRebuiltFrameOfTheSameTypesKeepsTheListAndItsItems() {
        // a new session timeout rebuilds the frame over the same events: the type list and its counts are the same,
        // so its items stay and the list fires no change (refilling it restyled every cell, and a pulse with only
        // that to sync repaints the whole window)
        List<EventTypeItem> before = List.copyOf(vm.eventTypes());
        vm.eventTypes().get(1).setShown(false); // "buy" hidden: the kept item keeps its tick
        int[] changes = {0};
        vm.listedTypes().addListener((javafx.collections.ListChangeListener<EventTypeItem>) c -> changes[0]++);
        vm.sessionTimeoutMinutesProperty().set(120);
        assertEquals("2", vm.sessionsProperty().get()); // the frame was rebuilt
        assertEquals(0, changes[0]);
        assertEquals(2, vm.eventTypes().size());
        for (int i = 0; i < before.size(); i++) {
            org.junit.jupiter.api.Assertions.assertSame(before.get(i), vm.eventTypes().get(i));
        }
        assertEquals(false, vm.eventTypes().get(1).isShown());
        assertEquals(Set.of("buy"), model.filtersProperty().get().hiddenTypes());
    }

    @Test
    void aFrameOfOtherTypesOrCountsReplacesTheList() {
        FakeBackend b = new FakeBackend().add("a", 0, "open").add("a", 60, "buy");
        AppModel m = new AppModel(b, new CurrentThreadTaskRunner());
        ProjectPanelViewModel v = new ProjectPanelViewModel(m);
        m.openProject(Path.of("/tmp/other.mv.db"));
        assertEquals(List.of("buy", "open"), v.eventTypes().stream().map(EventTypeItem::getName).toList());
        b.add("a", 120, "pay").add("a", 130, "pay");
        m.reloadFrame();
        assertEquals(List.of("pay", "buy", "open"), v.eventTypes().stream().map(EventTypeItem::getName).toList());
        assertEquals(2, v.eventTypes().get(0).getCount());
        b.add("a", 140, "buy").add("a", 150, "buy");
        m.reloadFrame();
        assertEquals(List.of("buy", "pay", "open"), v.eventTypes().stream().map(EventTypeItem::getName).toList());
        assertEquals(3, v.eventTypes().get(0).getCount());
    }

    @Test
    void searchNarrowsTheTypesAndBulkActionsChangeOneFilter() {
        FakeBackend b = new FakeBackend();
        for (int t = 0; t < 40; t++) {
            b.add("p", t * 10L, (t % 4 == 0 ? "checkout_" : "page_") + t);
        }
        AppModel m = new AppModel(b, new CurrentThreadTaskRunner());
        ProjectPanelViewModel v = new ProjectPanelViewModel(m);
        m.openProject(Path.of("/tmp/many.mv.db"));
        int[] filterChanges = {0};
        m.filtersProperty().addListener((o, x, y) -> filterChanges[0]++);
        v.typeSearchProperty().set("CHECKOUT");
        assertEquals(10, v.listedTypes().size());
        assertEquals(40, v.eventTypes().size());
        // only these: the 10 checkout types shown, the 30 others hidden, in one filter change
        v.showOnlyListedTypes();
        assertEquals(1, filterChanges[0]);
        assertEquals(30, m.filtersProperty().get().hiddenTypes().size());
        assertEquals(10, m.getSelection().count());
        // hide these: now every type is hidden
        v.hideListedTypes();
        assertEquals(40, m.filtersProperty().get().hiddenTypes().size());
        assertEquals(0, m.getSelection().count());
        // clear the search, then show all
        v.typeSearchProperty().set("  ");
        assertEquals(40, v.listedTypes().size());
        v.showListedTypes();
        assertEquals(Set.of(), m.filtersProperty().get().hiddenTypes());
        assertEquals(3, filterChanges[0]);
        v.typeSearchProperty().set("page_3");
        // page_3 and page_30..39 without 32 and 36 (those are checkout_32 and checkout_36)
        assertEquals(List.of("page_3", "page_30", "page_31", "page_33", "page_34", "page_35", "page_37", "page_38",
                "page_39"), v.listedTypes().stream().map(EventTypeItem::getName).sorted().toList());
        v.hideListedTypes();
        assertEquals(9, m.filtersProperty().get().hiddenTypes().size());
        assertEquals(31, m.getSelection().count());
    }

    /** While the imports are being listed the empty list is not "nothing imported" (it said so while a 5 M project opened). */
    @Test
    void theImportsListSaysItIsListingUntilTheListingArrives() {
        java.util.List<Runnable> held = new java.util.ArrayList<>();
        CurrentThreadTaskRunner now = new CurrentThreadTaskRunner();
        org.journeyexplorer.ui.concurrent.TaskRunner holding = new org.journeyexplorer.ui.concurrent.TaskRunner() {
            @Override
            public <T> javafx.concurrent.Task<T> run(String title,
                    java.util.function.Function<org.journeyexplorer.core.TaskContext, T> work,
                    java.util.function.Consumer<T> onSuccess, java.util.function.Consumer<Throwable> onFailure) {
                if (title.equals("Listing imports")) {
                    held.add(() -> now.run(title, work, onSuccess, onFailure));
                    return null;
                }
                return now.run(title, work, onSuccess, onFailure);
            }
        };
        FakeBackend b = new FakeBackend().add("a", 0, "open").add("a", 60, "buy");
        AppModel m = new AppModel(b, holding);
        ProjectPanelViewModel v = new ProjectPanelViewModel(m);
        assertEquals(false, v.listingImports().get());
        m.openProject(Path.of("/tmp/panel2.mv.db"));
        assertEquals(true, v.listingImports().get());
        assertEquals(List.of(), v.imports());
        List.copyOf(held).forEach(Runnable::run);
        assertEquals(false, v.listingImports().get());
        assertEquals(b.imports(), v.imports());
    }
}
