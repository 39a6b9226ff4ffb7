package org.journeyexplorer.ui.project;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.session.JourneyScope;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Format;
import org.journeyexplorer.ui.FrameOptions;
import org.journeyexplorer.ui.FrameStats;
import org.journeyexplorer.ui.ProjectInfo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * State of the left panel: a summary of the open project and the filter editors. Editing a filter writes a new
 * {@link FilterSettings} / {@link FrameOptions} into the {@link AppModel}, which recomputes in the background.
 */
public final class ProjectPanelViewModel {
    private final AppModel model;
    private final ZoneId zone = ZoneId.systemDefault();

    private final ReadOnlyStringWrapper projectName = new ReadOnlyStringWrapper("No project");
    private final ReadOnlyStringWrapper projectPath = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper events = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper persons = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper sessions = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper dateRange = new ReadOnlyStringWrapper("—");

    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>(this, "from");
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>(this, "to");
    private final BooleanProperty stitching = new SimpleBooleanProperty(this, "stitching", true);
    private final IntegerProperty sessionTimeoutMinutes = new SimpleIntegerProperty(this, "sessionTimeout", 30);
    private final BooleanProperty lastOnly = new SimpleBooleanProperty(this, "lastOnly");
    private final IntegerProperty lastMinutes = new SimpleIntegerProperty(this, "lastMinutes", 15);
    private final ObjectProperty<JourneyScope> journey =
            new SimpleObjectProperty<>(this, "journey", JourneyScope.SESSION);
    private final ReadOnlyStringWrapper journeysLabel = new ReadOnlyStringWrapper("Sessions");
    private final ObservableList<EventTypeItem> eventTypes = FXCollections.observableArrayList();
    private final javafx.beans.property.StringProperty typeSearch =
            new javafx.beans.property.SimpleStringProperty(this, "typeSearch", "");
    private final javafx.collections.transformation.FilteredList<EventTypeItem> listedTypes =
            new javafx.collections.transformation.FilteredList<>(eventTypes);
    private final javafx.beans.property.StringProperty propertyKey =
            new javafx.beans.property.SimpleStringProperty(this, "propertyKey", "");
    private final javafx.beans.property.StringProperty propertyValue =
            new javafx.beans.property.SimpleStringProperty(this, "propertyValue", "");
    private final ObservableList<org.journeyexplorer.ui.ImportEntry> imports = FXCollections.observableArrayList();
    /** True while the open project's imports are being listed (the empty list then means "not yet known"). */
    private final javafx.beans.property.BooleanProperty listingImports =
            new javafx.beans.property.SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper projectNote = new ReadOnlyStringWrapper("");
    private long importsGeneration;
    private boolean updating;

    public ProjectPanelViewModel(AppModel model) {
        this.model = model;
        model.projectProperty().addListener((o, a, p) -> showProject(p));
        model.frameProperty().addListener((o, a, f) -> showFrame(f));
        model.filtersProperty().addListener((o, a, f) -> showFilters(f));
        from.addListener((o, a, b) -> applyFilters());
        to.addListener((o, a, b) -> applyFilters());
        lastOnly.addListener((o, a, b) -> applyFilters());
        lastMinutes.addListener((o, a, b) -> {
            if (lastOnly.get()) {
                applyFilters();
            }
        });
        stitching.addListener((o, a, b) -> applyFrameOptions());
        sessionTimeoutMinutes.addListener((o, a, b) -> applyFrameOptions());
        journey.addListener((o, a, j) -> {
            journeysLabel.set(j == JourneyScope.CASE ? "Cases" : "Sessions");
            if (!updating && j != null) {
                model.setJourneyScope(j);
            }
        });
        typeSearch.addListener((o, a, b) -> {
            String q = b == null ? "" : b.strip().toLowerCase(java.util.Locale.ROOT);
            listedTypes.setPredicate(q.isEmpty() ? null
                    : i -> i.getName().toLowerCase(java.util.Locale.ROOT).contains(q));
        });
        showProject(model.getProject());
        showFrame(model.getFrame());
    }

    private void showProject(ProjectInfo p) {
        projectName.set(p == null ? "No project" : p.name());
        projectNote.set(p == null ? "" : p.demo() ? "Demo data: a generated shop clickstream. Import your own file"
                + " into a new project (File ▸ Import…)." : p.events() == 0 ? "This project is empty. Import an"
                + " event file with File ▸ Import… (Ctrl+I) or drop it on the window." : "");
        projectPath.set(p == null ? "" : p.path().toString());
        updating = true;
        try {
            journey.set(p == null ? JourneyScope.SESSION : p.journey());
        } finally {
            updating = false;
        }
    }

    private void showFrame(EventFrame f) {
        refreshImports();
        updating = true;
        try {
            // a frame of the same event types (a new session timeout, a rebuilt frame) keeps the list until its
            // counts arrive, and keeps its items if they are the same: clearing and refilling it restyled every
            // cell, and a pulse with only that to sync repaints the whole window (issue 16)
            if (f == null || !sameTypes(f)) {
                eventTypes.clear();
            }
            if (f == null) {
                events.set("—");
                persons.set("—");
                sessions.set("—");
                dateRange.set("—");
                return;
            }
            model.runner().run("Summarising", ctx -> FrameStats.of(Selection.all(f)), stats -> {
                if (model.getFrame() != f) {
                    return;
                }
                events.set(Format.count(stats.events()));
                persons.set(Format.count(stats.persons()));
                sessions.set(Format.count(stats.sessions()));
                dateRange.set(Format.range(stats.first(), stats.last(), zone));
                updating = true;
                try {
                    java.util.List<EventTypeItem> items = new java.util.ArrayList<>(f.typeCount());
                    for (int t = 0; t < f.typeCount(); t++) {
                        items.add(new EventTypeItem(f.typeNames[t], stats.typeCounts()[t]));
                    }
                    items.sort((x, y) -> Long.compare(y.getCount(), x.getCount()));
                    if (!sameItems(items)) {
                        Set<String> hiddenNow = model.filtersProperty().get().hiddenTypes();
                        for (EventTypeItem item : items) {
                            item.setShown(!hiddenNow.contains(item.getName()));
                            item.shownProperty().addListener((o, a, b) -> applyFilters());
                        }
                        eventTypes.setAll(items);
                    }
                } finally {
                    updating = false;
                }
            }, model::fail);
        } finally {
            updating = false;
        }
    }

    /** Whether the list holds exactly the frame's event types (in any order). */
    private boolean sameTypes(EventFrame f) {
        if (eventTypes.size() != f.typeCount()) {
            return false;
        }
        Set<String> names = new java.util.HashSet<>();
        for (EventTypeItem i : eventTypes) {
            names.add(i.getName());
        }
        for (int t = 0; t < f.typeCount(); t++) {
            if (!names.contains(f.typeNames[t])) {
                return false;
            }
        }
        return true;
    }

    /** Whether the list holds these names with these counts, in this order. */
    private boolean sameItems(java.util.List<EventTypeItem> items) {
        if (eventTypes.size() != items.size()) {
            return false;
        }
        for (int i = 0; i < items.size(); i++) {
            EventTypeItem a = eventTypes.get(i);
            EventTypeItem b = items.get(i);
            if (!a.getName().equals(b.getName()) || a.getCount() != b.getCount()) {
                return false;
            }
        }
        return true;
    }

    private void showFilters(FilterSettings f) {
        updating = true;
        try {
            from.set(f.from());
            to.set(f.to());
            propertyKey.set(f.propertyKey() == null ? "" : f.propertyKey());
            propertyValue.set(f.propertyValue() == null ? "" : f.propertyValue());
            lastOnly.set(f.lastMinutes() > 0);
            if (f.lastMinutes() > 0) {
                lastMinutes.set(f.lastMinutes());
            }
            for (EventTypeItem item : eventTypes) {
                item.setShown(!f.hiddenTypes().contains(item.getName()));
            }
        } finally {
            updating = false;
        }
    }

    private void applyFilters() {
        if (updating) {
            return;
        }
        Set<String> hidden = new LinkedHashSet<>();
        for (EventTypeItem item : eventTypes) {
            if (!item.isShown()) {
                hidden.add(item.getName());
            }
        }
        model.filtersProperty().set(new FilterSettings(from.get(), to.get(), hidden, zone, propertyKey.get(),
                propertyValue.get(), lastOnly.get() ? Math.max(1, lastMinutes.get()) : 0));
    }

    private void applyFrameOptions() {
        int minutes = Math.max(1, sessionTimeoutMinutes.get());
        model.frameOptionsProperty().set(new FrameOptions(stitching.get(), Duration.ofMinutes(minutes)));
    }

    /** Lists the open project's imports again (in the background; a newer listing wins). */
    private void refreshImports() {
        long gen = ++importsGeneration;
        if (model.getProject() == null) {
            imports.clear();
            listingImports.set(false);
            return;
        }
        var backend = model.backend();
        listingImports.set(true);
        model.runner().run("Listing imports", ctx -> backend.imports(), list -> {
            if (gen == importsGeneration) {
                if (!imports.equals(list)) { // the same imports (a rebuilt frame): the list's cells stay as they are
                    imports.setAll(list);
                }
                listingImports.set(false);
            }
        }, e -> {
            if (gen == importsGeneration) {
                listingImports.set(false);
            }
            model.fail(e);
        });
    }

    /** Removes an import from the project (one transaction, with its audit entry); the panel follows. */
    public void removeImport(org.journeyexplorer.ui.ImportEntry entry) {
        model.removeImport(entry, n -> {
        });
    }

    /** True while the open project's imports are being listed. */
    public javafx.beans.value.ObservableBooleanValue listingImports() {
        return listingImports;
    }

    /** The files (and streams) imported into the open project, oldest first. */
    public ObservableList<org.journeyexplorer.ui.ImportEntry> imports() {
        return imports;
    }

    /** A line under the project name: that it is the demo, or how to fill an empty project; else empty. */
    public ReadOnlyStringProperty projectNoteProperty() {
        return projectNote.getReadOnlyProperty();
    }

    /** The application model, for the sections of the panel with view models of their own. */
    public AppModel model() {
        return model;
    }

    /** Applies the property key and value typed in the panel (on Enter, not per keystroke). */
    public void applyProperty() {
        applyFilters();
    }

    public javafx.beans.property.StringProperty propertyKeyProperty() {
        return propertyKey;
    }

    public javafx.beans.property.StringProperty propertyValueProperty() {
        return propertyValue;
    }

    /** Shows every event type again. */
    public void showAllTypes() {
        setShown(eventTypes, true);
    }

    /** Shows the listed event types (every type, or those matching the search); the others keep their state. */
    public void showListedTypes() {
        setShown(listedTypes, true);
    }

    /** Hides the listed event types (every type, or those matching the search); the others keep their state. */
    public void hideListedTypes() {
        setShown(listedTypes, false);
    }

    /** Shows only the event types matching the search and hides every other type. */
    public void showOnlyListedTypes() {
        java.util.Set<EventTypeItem> listed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        listed.addAll(listedTypes);
        updating = true;
        try {
            eventTypes.forEach(i -> i.setShown(listed.contains(i)));
        } finally {
            updating = false;
        }
        applyFilters();
    }

    /** One filter change for many ticks, not one per type (hundreds of types would recompute hundreds of times). */
    private void setShown(java.util.List<EventTypeItem> items, boolean shown) {
        updating = true;
        try {
            java.util.List.copyOf(items).forEach(i -> i.setShown(shown));
        } finally {
            updating = false;
        }
        applyFilters();
    }

    /** Text that narrows the event-type list (case-insensitive, anywhere in the name). */
    public javafx.beans.property.StringProperty typeSearchProperty() {
        return typeSearch;
    }

    /** The event types the list shows: all of them, or those matching {@link #typeSearchProperty()}. */
    public ObservableList<EventTypeItem> listedTypes() {
        return listedTypes;
    }

    /** Clears the date range and shows every type. */
    public void resetFilters() {
        model.filtersProperty().set(FilterSettings.NONE);
    }

    public ReadOnlyStringProperty projectNameProperty() {
        return projectName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty projectPathProperty() {
        return projectPath.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty eventsProperty() {
        return events.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty personsProperty() {
        return persons.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sessionsProperty() {
        return sessions.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dateRangeProperty() {
        return dateRange.getReadOnlyProperty();
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public BooleanProperty stitchingProperty() {
        return stitching;
    }

    /** Whether only the last {@link #lastMinutesProperty()} minutes up to the newest event are shown. */
    public BooleanProperty lastOnlyProperty() {
        return lastOnly;
    }

    public IntegerProperty lastMinutesProperty() {
        return lastMinutes;
    }

    public IntegerProperty sessionTimeoutMinutesProperty() {
        return sessionTimeoutMinutes;
    }

    /** Whether a journey is a whole case or a session; changing it is saved in the project. */
    public ObjectProperty<JourneyScope> journeyProperty() {
        return journey;
    }

    /** "Cases" or "Sessions": what the summary counts as journeys. */
    public ReadOnlyStringProperty journeysLabelProperty() {
        return journeysLabel.getReadOnlyProperty();
    }

    /** Event types of the frame, most frequent first; unticking one hides it. */
    public ObservableList<EventTypeItem> eventTypes() {
        return eventTypes;
    }
}
