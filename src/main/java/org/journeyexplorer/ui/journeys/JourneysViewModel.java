package org.journeyexplorer.ui.journeys;

import org.journeyexplorer.core.IntChunks;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.journeyexplorer.analysis.Drilldown;
import org.journeyexplorer.ui.Format;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.domain.EventProperties;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.concurrent.TaskRunner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Persons → their sessions → a session's events, over the current selection, optionally narrowed to the sessions
 * of a {@link Drilldown}. Rows are computed in the background and only while the Journeys tab is shown.
 */
public final class JourneysViewModel {
    private final AppModel model;
    private final TaskRunner runner;
    private final ObservableList<PersonRow> persons = FXCollections.observableArrayList();
    private final FilteredList<PersonRow> filteredPersons = new FilteredList<>(persons);
    private final ObservableList<SessionRow> sessions = FXCollections.observableArrayList();
    private final ObservableList<EventRow> events = FXCollections.observableArrayList();
    private final ObservableList<IdRow> ids = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObjectProperty<PersonRow> selectedPerson = new SimpleObjectProperty<>(this, "selectedPerson");
    private final ObjectProperty<SessionRow> selectedSession = new SimpleObjectProperty<>(this, "selectedSession");
    private final ReadOnlyStringWrapper drilldownText = new ReadOnlyStringWrapper(this, "drilldownText", "");
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper(this, "countText", "");
    private final ReadOnlyStringWrapper idsMessage = new ReadOnlyStringWrapper(this, "idsMessage", SELECT_A_PERSON);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private boolean dirty = true;
    private long generation;
    private Rows current;

    public JourneysViewModel(AppModel model, TaskRunner runner) {
        this.model = model;
        this.runner = runner;
        model.selectionProperty().addListener((o, a, b) -> invalidate());
        model.drilldownProperty().addListener((o, a, d) -> {
            drilldownText.set(drilldownText(d));
            invalidate();
        });
        drilldownText.set(drilldownText(model.drilldownProperty().get())); // a drill-down that made this tab
        model.conversionEventProperty().addListener((o, a, b) -> invalidate());
        model.selectedFeatureProperty().addListener((o, a, f) -> refreshIfShown());
        search.addListener((o, a, s) -> {
            String q = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
            filteredPersons.setPredicate(q.isEmpty() ? null : p -> p.nameLower().contains(q));
            updateCount();
        });
        // a search belongs to the project it was typed in: another project's persons would show "0 of 40,000"
        model.projectProperty().addListener((o, a, p) -> {
            if (a == null || p == null || !a.path().equals(p.path())) {
                search.set("");
            }
        });
        selectedPerson.addListener((o, a, p) -> showSessions(p));
        // a reopened project's identity graph is worked out after its first view: the ids of a person selected
        // before then are shown when it arrives (they stayed "Select a person." next to a selected person)
        model.identityProperty().addListener((o, a, info) -> showIds(selectedPerson.get()));
        selectedSession.addListener((o, a, s) -> showEvents(s));
        refreshIfShown(); // made when its tab is shown, with the project's selection there already
    }

    private static String drilldownText(Drilldown d) {
        return d == null ? "" : d.description() + " · " + Format.count(d.sessions().length) + " sessions";
    }

    private void invalidate() {
        dirty = true;
        refreshIfShown();
    }

    private void refreshIfShown() {
        if (dirty && model.selectedFeatureProperty().get() == Feature.JOURNEYS) {
            refresh();
        }
    }

    /** Recomputes the person rows now. */
    public void refresh() {
        dirty = false;
        Selection sel = model.getSelection();
        Drilldown d = model.drilldownProperty().get();
        if (sel == null) {
            persons.clear();
            updateCount();
            return;
        }
        String conversion = model.conversionEventProperty().get();
        long gen = ++generation;
        busy.set(true);
        runner.run("Listing journeys", ctx -> Rows.compute(sel, d, conversion), rows -> {
            if (gen != generation) {
                return;
            }
            current = rows;
            // the frame may have been rebuilt since the click: say how many sessions are shown now (unless the
            // drill-down was removed while these rows were computed: its chip stays cleared)
            if (d != null && d == model.drilldownProperty().get()) {
                drilldownText.set(d.description() + " · " + Format.count(rows.drilledSessions()) + " sessions");
            }
            selectedPerson.set(null);
            persons.setAll(rows.persons());
            updateCount();
            busy.set(false);
        }, t -> {
            busy.set(false);
            model.fail(t);
        });
    }

    private void updateCount() {
        countText.set(String.format(Locale.US, "%,d of %,d persons", filteredPersons.size(), persons.size()));
    }

    static final String SELECT_A_PERSON = "Select a person.";

    /** What the ids table says when it has no rows: select a person, or the identity graph is still worked out. */
    public ReadOnlyStringProperty idsMessageProperty() {
        return idsMessage.getReadOnlyProperty();
    }

    /** The selected person's ids and why they belong to them, from the identity graph of the frame. */
    private void showIds(PersonRow p) {
        org.journeyexplorer.ui.IdentityInfo info = model.identityProperty().get();
        if (p == null || info == null || info.graph() == null) {
            ids.clear();
            idsMessage.set(p == null ? SELECT_A_PERSON : info == null ? "Working out who is who…"
                    : "No identity graph for this project.");
            return;
        }
        idsMessage.set("No ids recorded for this person.");
        List<IdRow> rows = new ArrayList<>();
        for (org.journeyexplorer.identity.IdentityGraph.Member m : info.graph().members(p.person())) {
            String why;
            if (m.unlinked()) {
                why = "unlinked: stands alone";
            } else if (m.joinedBy() == null) {
                why = "main id";
            } else {
                why = switch (m.joinedBy()) {
                    case SIGN_IN -> "signed in as " + m.with();
                    case EMAIL -> "same e-mail as " + m.with();
                    case PHONE -> "same phone as " + m.with();
                    case PROBABLE -> String.format(Locale.US, "probable (%.2f) with %s: %s", m.score(), m.with(),
                            String.join(", ", m.signals()));
                };
            }
            rows.add(new IdRow(m.id(), m.anonymous() ? "anonymous" : "user",
                    m.joinedBy() == null ? "" : m.joinedBy().label(), why, m.unlinked()));
        }
        ids.setAll(rows);
    }

    /** Unlinks an id from the selected person (or links an unlinked one again); every analysis is rebuilt. */
    public void toggleLink(IdRow row) {
        if (row != null && (row.unlinked() || !row.rule().isEmpty())) {
            model.unlink(row.id(), !row.unlinked());
        }
    }

    /** The selected person's ids: the main id first, then the others with the rule that joined them. */
    public ObservableList<IdRow> ids() {
        return ids;
    }

    /**
     * One id of the selected person.
     *
     * @param id       the id as stored
     * @param kind     "user" or "anonymous"
     * @param rule     the rule that joined it ("sign-in", "email", "phone", "probable"), empty for the main id
     * @param why      the rule in words, with the id on the other side and, for probable links, score and signals
     * @param unlinked whether the analyst unlinked it
     */
    public record IdRow(String id, String kind, String rule, String why, boolean unlinked) {
    }

    private void showSessions(PersonRow p) {
        showIds(p);
        selectedSession.set(null);
        if (p == null || current == null) {
            sessions.clear();
            return;
        }
        sessions.setAll(current.sessionsOf(p));
        if (!sessions.isEmpty()) {
            selectedSession.set(sessions.get(0));
        }
    }

    private void showEvents(SessionRow s) {
        if (s == null || current == null) {
            events.clear();
            return;
        }
        Rows rows = current;
        List<EventRow> list = rows.eventsOf(s, null);
        events.setAll(list);
        // properties live in the store: fetch them in the background and fill in
        int[] sourceRows = list.stream().mapToInt(EventRow::sourceRow).toArray();
        var backend = model.backend();
        runner.run("Loading event properties", ctx -> Arrays.stream(backend.propertiesJson(sourceRows))
                .map(EventProperties::entries).toList(), props -> {
            if (selectedSession.get() == s) {
                events.setAll(rows.eventsOf(s, props));
            }
        }, model::fail);
    }

    /** Removes the drill-down filter. */
    public void clearDrilldown() {
        model.clearDrilldown();
    }

    /** Persons after the search, for the table (which wraps them in a sorted list). */
    public FilteredList<PersonRow> persons() {
        return filteredPersons;
    }

    public ObservableList<SessionRow> sessions() {
        return sessions;
    }

    public ObservableList<EventRow> events() {
        return events;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<PersonRow> selectedPersonProperty() {
        return selectedPerson;
    }

    public ObjectProperty<SessionRow> selectedSessionProperty() {
        return selectedSession;
    }

    /** Description of the active drill-down, empty when none. */
    public ReadOnlyStringProperty drilldownTextProperty() {
        return drilldownText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countTextProperty() {
        return countText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public AppModel model() {
        return model;
    }

    public TaskRunner runner() {
        return runner;
    }

    /** A person in the table. Counts are over included events (and drilled sessions). */
    public record PersonRow(int person, String name, int events, int sessions, long firstMicros, long lastMicros,
                            Boolean converted) {
        String nameLower() {
            return name.toLowerCase(Locale.ROOT);
        }
    }

    /** A session of the selected person. */
    public record SessionRow(int session, int number, long startMicros, long endMicros, int events, String firstEvent,
                             String lastEvent) {
    }

    /** An event of the selected session, with its properties as keys and values (empty until loaded). */
    public record EventRow(int event, int sourceRow, long timeMicros, String type,
                           List<EventProperties.Entry> properties) {
        public EventRow {
            properties = List.copyOf(properties);
        }

        /** The properties on one line, "key: value · key: value", for copying and searching. */
        public String propertiesText() {
            return properties.stream().map(e -> e.key().isEmpty() ? e.value() : e.key() + ": " + e.value())
                    .collect(java.util.stream.Collectors.joining(" · "));
        }
    }

    /**
     * The computed person rows plus what is needed to expand them; immutable. {@code sourceRow} is the frame's, read
     * here in the background (a reopened frame reads them from the project on first use) so that expanding a
     * session on the FX thread reads nothing.
     */
    record Rows(Selection sel, BitSet sessionFilter, List<PersonRow> persons, IntChunks sourceRow) {

        /** Sessions the drill-down keeps in this frame (0 without a drill-down). */
        int drilledSessions() {
            return sessionFilter == null ? 0 : sessionFilter.cardinality();
        }

        static Rows compute(Selection sel, Drilldown d, String conversion) {
            EventFrame f = sel.frame();
            BitSet only = null;
            if (d != null) {
                only = new BitSet(f.sessionCount());
                for (int s : d.on(f)) { // by person and time: the frame may have been rebuilt since the click
                    only.set(s);
                }
            }
            int conv = conversion == null ? -1 : f.typeIndex(conversion);
            List<PersonRow> rows = new ArrayList<>();
            for (int p = 0; p < f.personCount(); p++) {
                int events = 0;
                int sessions = 0;
                long first = Long.MAX_VALUE;
                long last = Long.MIN_VALUE;
                boolean converted = false;
                int lastSession = -1;
                int session = -1; // the session of event i, walked along sessionStart
                int sessionEnd = f.personStart[p];
                for (int i = f.personStart[p]; i < f.personStart[p + 1]; i++) {
                    while (i >= sessionEnd) {
                        session = session < 0 ? f.sessionOf(i) : session + 1;
                        sessionEnd = f.sessionStart[session + 1];
                    }
                    if (!sel.includes(i) || (only != null && !only.get(session))) {
                        continue;
                    }
                    events++;
                    if (session != lastSession) {
                        lastSession = session;
                        sessions++;
                    }
                    first = Math.min(first, f.time.get(i));
                    last = Math.max(last, f.time.get(i));
                    converted |= f.type.get(i) == conv;
                }
                if (events > 0) {
                    rows.add(new PersonRow(p, f.personNames[p], events, sessions, first, last,
                            conv < 0 ? null : converted));
                }
            }
            return new Rows(sel, only, rows, f.sourceRow());
        }

        List<SessionRow> sessionsOf(PersonRow p) {
            EventFrame f = sel.frame();
            List<SessionRow> out = new ArrayList<>();
            int from = f.personStart[p.person()];
            int to = f.personStart[p.person() + 1];
            int number = 0;
            if (from >= to) {
                return out;
            }
            for (int s = f.sessionOf(from), last = f.sessionOf(to - 1); s <= last; s++) {
                if (sessionFilter != null && !sessionFilter.get(s)) {
                    continue;
                }
                int n = 0;
                int firstEv = -1;
                int lastEv = -1;
                for (int i = f.sessionStart[s]; i < f.sessionStart[s + 1]; i++) {
                    if (sel.includes(i)) {
                        n++;
                        if (firstEv < 0) {
                            firstEv = i;
                        }
                        lastEv = i;
                    }
                }
                if (n > 0) {
                    out.add(new SessionRow(s, ++number, f.time.get(firstEv), f.time.get(lastEv), n,
                            f.typeNames[f.type.get(firstEv)], f.typeNames[f.type.get(lastEv)]));
                }
            }
            return out;
        }

        List<EventRow> eventsOf(SessionRow s, List<List<EventProperties.Entry>> props) {
            EventFrame f = sel.frame();
            List<EventRow> out = new ArrayList<>();
            int k = 0;
            for (int i = f.sessionStart[s.session()]; i < f.sessionStart[s.session() + 1]; i++) {
                if (sel.includes(i)) {
                    List<EventProperties.Entry> p = props == null || k >= props.size() ? List.of() : props.get(k);
                    out.add(new EventRow(i, sourceRow.get(i), f.time.get(i), f.typeNames[f.type.get(i)], p));
                    k++;
                }
            }
            return out;
        }
    }
}
