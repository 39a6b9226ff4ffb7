package org.journeyexplorer.ui.compare;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.Segment;
import org.journeyexplorer.analysis.SegmentCondition;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.ui.ProjectBackend;
import org.journeyexplorer.ui.concurrent.TaskRunner;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * State of the segment editor: a name, persons or sessions, and a list of conditions whose property names and
 * values are offered from the data (read in the background from the {@link ProjectBackend}), so nothing has to be
 * typed blind. {@link #build()} turns it into a {@link Segment} or says in one line what is missing.
 */
public final class SegmentEditorViewModel {
    /** Values offered per property. */
    static final int OFFERED_VALUES = 200;

    /** What a condition row asks. */
    public enum Kind {
        PROPERTY("Property"), DEVICE("Device or platform"), PERFORMED("Performed an event"),
        NOT_PERFORMED("Did not perform an event"), DATES("Date range");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** One editable condition; which fields matter depends on its kind. */
    public static final class Row {
        private final Kind kind;
        private final StringProperty key = new SimpleStringProperty(this, "key", "");
        private final ObservableList<String> values = FXCollections.observableArrayList();
        private final BooleanProperty negate = new SimpleBooleanProperty(this, "negate");
        private final StringProperty event = new SimpleStringProperty(this, "event");
        private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>(this, "from");
        private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>(this, "to");

        public Row(Kind kind) {
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }

        public StringProperty keyProperty() {
            return key;
        }

        /** The chosen values (any of them matches). */
        public ObservableList<String> values() {
            return values;
        }

        /** "is not" instead of "is". */
        public BooleanProperty negateProperty() {
            return negate;
        }

        public StringProperty eventProperty() {
            return event;
        }

        public ObjectProperty<LocalDate> fromProperty() {
            return from;
        }

        public ObjectProperty<LocalDate> toProperty() {
            return to;
        }

        SegmentCondition toCondition() {
            return switch (kind) {
                case PROPERTY, DEVICE -> {
                    String k = key.get() == null ? "" : key.get().strip();
                    if (k.isEmpty()) {
                        throw new UserFacingException("Choose a property for the " + kind.text().toLowerCase()
                                + " condition.");
                    }
                    if (values.isEmpty()) {
                        throw new UserFacingException("Choose at least one value of '" + k + "'.");
                    }
                    yield new SegmentCondition.Property(k, new LinkedHashSet<>(values), negate.get());
                }
                case PERFORMED, NOT_PERFORMED -> {
                    if (event.get() == null || event.get().isBlank()) {
                        throw new UserFacingException("Choose the event of the \"" + kind.text().toLowerCase()
                                + "\" condition.");
                    }
                    yield new SegmentCondition.Performed(event.get(), kind == Kind.PERFORMED);
                }
                case DATES -> new SegmentCondition.Dates(from.get(), to.get());
            };
        }

        static Row of(SegmentCondition c) {
            if (c instanceof SegmentCondition.Property p) {
                Row r = new Row(SegmentCondition.isDeviceKey(p.key()) ? Kind.DEVICE : Kind.PROPERTY);
                r.key.set(p.key());
                r.values.setAll(p.values().stream().sorted().toList());
                r.negate.set(p.negate());
                return r;
            }
            if (c instanceof SegmentCondition.Performed p) {
                Row r = new Row(p.did() ? Kind.PERFORMED : Kind.NOT_PERFORMED);
                r.event.set(p.event());
                return r;
            }
            SegmentCondition.Dates d = (SegmentCondition.Dates) c;
            Row r = new Row(Kind.DATES);
            r.from.set(d.from());
            r.to.set(d.to());
            return r;
        }
    }

    private final TaskRunner runner;
    private final ProjectBackend backend;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ObjectProperty<CountUnit> unit = new SimpleObjectProperty<>(this, "unit", CountUnit.PERSONS);
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<ProjectBackend.PropertyKey> keys = FXCollections.observableArrayList();
    private final Map<String, ObservableList<ProjectBackend.PropertyValue>> values = new HashMap<>();
    private final List<String> events;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private Consumer<Throwable> onError = Throwable::printStackTrace;

    /**
     * @param events the event names to offer, in picker order
     * @param start  the segment to edit, or null for a new one
     */
    public SegmentEditorViewModel(TaskRunner runner, ProjectBackend backend, List<String> events, Segment start) {
        this.runner = runner;
        this.backend = backend;
        this.events = List.copyOf(events);
        if (start != null) {
            name.set(start.name());
            unit.set(start.unit());
            start.conditions().forEach(c -> rows.add(Row.of(c)));
        }
        runner.run("Reading property names", backend::propertyKeys, keys::setAll, t -> onError.accept(t));
    }

    public void setOnError(Consumer<Throwable> onError) {
        this.onError = onError;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<CountUnit> unitProperty() {
        return unit;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** Property names with their event counts, most used first (filled in the background). */
    public ObservableList<ProjectBackend.PropertyKey> keys() {
        return keys;
    }

    /** Property names that hold a device or platform. */
    public List<ProjectBackend.PropertyKey> deviceKeys() {
        return keys.stream().filter(k -> SegmentCondition.isDeviceKey(k.name())).toList();
    }

    /** The event names to offer. */
    public List<String> events() {
        return events;
    }

    /** The most common values of a property with their counts; filled in the background on first use. */
    public ObservableList<ProjectBackend.PropertyValue> values(String key) {
        ObservableList<ProjectBackend.PropertyValue> list = values.get(key);
        if (list == null) {
            ObservableList<ProjectBackend.PropertyValue> fresh = FXCollections.observableArrayList();
            values.put(key, fresh);
            if (key != null && !key.isBlank()) {
                runner.run("Reading values of " + key, ctx -> backend.propertyValues(key, OFFERED_VALUES, ctx),
                        fresh::setAll, t -> onError.accept(t));
            }
            list = fresh;
        }
        return list;
    }

    /** Adds a condition of this kind; a device condition starts on the first device-like property. */
    public Row add(Kind kind) {
        Row r = new Row(kind);
        if (kind == Kind.DEVICE) {
            List<ProjectBackend.PropertyKey> devices = deviceKeys();
            if (!devices.isEmpty()) {
                r.keyProperty().set(devices.get(0).name());
            }
        }
        rows.add(r);
        return r;
    }

    public void remove(Row r) {
        rows.remove(r);
    }

    /** The one-line reason the last {@link #build()} failed, or "". */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The segment, or null after setting {@link #errorProperty()} when something is missing. */
    public Segment build() {
        try {
            List<SegmentCondition> cs = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (Row r : rows) {
                SegmentCondition c = r.toCondition();
                if (seen.add(c.toString())) {
                    cs.add(c);
                }
            }
            Segment s = new Segment(name.get(), unit.get(), cs);
            error.set("");
            return s;
        } catch (UserFacingException e) {
            error.set(e.getMessage());
            return null;
        }
    }
}
