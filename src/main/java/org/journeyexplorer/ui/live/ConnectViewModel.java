package org.journeyexplorer.ui.live;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.ColumnMapping;
import org.journeyexplorer.ingest.EventSink;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.JsonMessages;
import org.journeyexplorer.live.KafkaSecurity;
import org.journeyexplorer.live.KafkaSource;
import org.journeyexplorer.live.SavedStream;
import org.journeyexplorer.live.StartFrom;
import org.journeyexplorer.live.TopicPreview;
import org.journeyexplorer.ui.Dialogs;
import org.journeyexplorer.ui.Format;
import org.journeyexplorer.ui.imports.ImportViewModel;
import org.journeyexplorer.ui.imports.RoleMappingPane;
import org.journeyexplorer.ui.concurrent.TaskRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connect-to-a-stream dialog's state and commands: where the topic is and how to sign in, a preview of its
 * first messages, and their fields mapped to roles exactly as the JSON Lines import maps a file's (the same
 * detection, the same pickers). The settings the project last streamed with are offered again, without the
 * password.
 */
public final class ConnectViewModel implements RoleMappingPane.Roles {
    /** Messages read for the preview and the role detection. */
    static final int PREVIEW_MESSAGES = 100;
    private static final int SAMPLE_EVENTS = 5;

    private final LiveViewModel live;
    private final TaskRunner runner;

    private final StringProperty bootstrap = new SimpleStringProperty(this, "bootstrap", "localhost:9092");
    private final StringProperty topic = new SimpleStringProperty(this, "topic", "");
    private final StringProperty group = new SimpleStringProperty(this, "group", KafkaSource.DEFAULT_GROUP);
    private final ObjectProperty<StartFrom> from = new SimpleObjectProperty<>(this, "from", StartFrom.EARLIEST);
    private final ObjectProperty<KafkaSecurity.Protocol> protocol =
            new SimpleObjectProperty<>(this, "protocol", KafkaSecurity.Protocol.PLAINTEXT);
    private final StringProperty truststore = new SimpleStringProperty(this, "truststore", "");
    private final StringProperty truststorePassword = new SimpleStringProperty(this, "truststorePassword", "");
    private final ObjectProperty<KafkaSecurity.Mechanism> mechanism =
            new SimpleObjectProperty<>(this, "mechanism", KafkaSecurity.Mechanism.PLAIN);
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");

    private final ObservableList<String> roleChoices = FXCollections.observableArrayList(ImportViewModel.NONE);
    private final ObjectProperty<String> person = new SimpleObjectProperty<>(this, "person", ImportViewModel.NONE);
    private final ObjectProperty<String> anonymous =
            new SimpleObjectProperty<>(this, "anonymous", ImportViewModel.NONE);
    private final ObjectProperty<String> time = new SimpleObjectProperty<>(this, "time", ImportViewModel.NONE);
    private final ObjectProperty<String> timeOffset =
            new SimpleObjectProperty<>(this, "timeOffset", ImportViewModel.NONE);
    private final ObjectProperty<String> event = new SimpleObjectProperty<>(this, "event", ImportViewModel.NONE);
    private final ObjectProperty<ZoneId> zone = new SimpleObjectProperty<>(this, "zone", ZoneId.of("UTC"));

    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ObservableList<Map<String, String>> previewRows = FXCollections.observableArrayList();
    private final ObservableList<String> samples = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ImportPlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper previewText = new ReadOnlyStringWrapper(this, "previewText",
            "Preview the topic to see its first messages and choose which fields hold the person, time and event.");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final BooleanProperty previewed = new SimpleBooleanProperty(this, "previewed");

    private List<byte[]> messages = List.of();
    private SavedStream saved;
    private boolean applying;
    private Task<?> previewTask;
    private Task<?> sampleTask;

    public ConnectViewModel(LiveViewModel live, TaskRunner runner) {
        this.live = live;
        this.runner = runner;
        for (ObjectProperty<String> role : List.of(person, anonymous, time, timeOffset, event)) {
            role.addListener((o, a, b) -> mappingChanged());
        }
        zone.addListener((o, a, b) -> mappingChanged());
        for (var p : List.of(bootstrap, topic, group, truststore, user, password)) {
            p.addListener((o, a, b) -> settingsChanged());
        }
        protocol.addListener((o, a, b) -> settingsChanged());
    }

    /** Fills the fields with the settings the project last streamed with (looked up in the background). */
    public void load() {
        var backend = live.model().backend();
        runner.run("Reading the stream settings", ctx -> backend.savedStream(), s -> s.ifPresent(this::apply),
                t -> {
                });
    }

    private void apply(SavedStream s) {
        saved = s;
        KafkaSource src = s.source();
        bootstrap.set(src.bootstrap());
        topic.set(src.topic());
        group.set(src.group());
        from.set(src.from());
        KafkaSecurity sec = src.security();
        protocol.set(sec.protocol());
        truststore.set(sec.truststore() == null ? "" : sec.truststore().toString());
        mechanism.set(sec.mechanism());
        user.set(sec.user() == null ? "" : sec.user());
        zone.set(s.zone());
    }

    /** The source as typed, with the passwords (kept in memory only). */
    public KafkaSource source() {
        String ts = truststore.get() == null ? "" : truststore.get().strip();
        KafkaSecurity sec = new KafkaSecurity(protocol.get(), ts.isEmpty() ? null : Path.of(ts),
                chars(truststorePassword.get()), mechanism.get(), user.get(), chars(password.get()));
        return new KafkaSource(bootstrap.get(), topic.get(), group.get(), from.get(), sec);
    }

    private static char[] chars(String s) {
        return s == null || s.isEmpty() ? null : s.toCharArray();
    }

    private void settingsChanged() {
        if (!previewed.get()) {
            String p = source().problem();
            problem.set(p == null ? "" : p);
        }
    }

    /** Reads the first messages of the topic in the background and detects their roles. */
    public void preview() {
        KafkaSource src = source();
        String p = src.problem();
        if (p != null) {
            problem.set(p);
            return;
        }
        if (previewTask != null) {
            previewTask.cancel();
        }
        SavedStream known = saved != null && saved.source().topic().equals(src.topic())
                && saved.source().bootstrap().equals(src.bootstrap()) ? saved : null;
        ZoneId z = zone.get();
        busy.set(true);
        problem.set("");
        previewText.set("Reading the first messages of " + src.describe() + "…");
        previewTask = runner.run("Previewing " + src.topic(), ctx -> {
            List<byte[]> first = TopicPreview.firstMessages(src, PREVIEW_MESSAGES, Duration.ofSeconds(3), ctx);
            // the project's saved mapping wins over a fresh guess: the user may have corrected it
            ImportPlan detected = known != null ? known.plan(first) : JsonMessages.inspect(src.describe(), first, z);
            return new Preview(first, detected, JsonMessages.preview(first));
        }, this::showPreview, t -> {
            busy.set(false);
            if (!(t instanceof CancelledException)) {
                previewText.set("");
                problem.set(Dialogs.messageOf(t));
            }
        });
    }

    private record Preview(List<byte[]> messages, ImportPlan plan, List<Map<String, String>> rows) {
    }

    private void showPreview(Preview p) {
        busy.set(false);
        messages = p.messages();
        applying = true;
        try {
            ImportPlan ip = p.plan();
            plan.set(ip);
            List<String> cols = new ArrayList<>(ip.columns());
            columns.setAll(cols);
            roleChoices.setAll(ImportViewModel.NONE);
            roleChoices.addAll(cols);
            ColumnMapping m = ip.mapping();
            person.set(orNone(m.person()));
            anonymous.set(orNone(m.anonymous()));
            time.set(orNone(m.time()));
            timeOffset.set(orNone(m.timeOffset()));
            event.set(orNone(m.event()));
            zone.set(ip.zone());
            previewRows.setAll(p.rows());
        } finally {
            applying = false;
        }
        previewed.set(true);
        previewText.set(messages.size() + " message" + (messages.size() == 1 ? "" : "s") + " read"
                + (plan.get().timeFormatDescription() == null ? "" : " · times: " + plan.get().timeFormatDescription()));
        refreshSamples();
    }

    private static String orNone(String s) {
        return s == null ? ImportViewModel.NONE : s;
    }

    private static String column(ObjectProperty<String> p) {
        return p.get() == null || ImportViewModel.NONE.equals(p.get()) ? null : p.get();
    }

    private void mappingChanged() {
        if (applying || plan.get() == null) {
            return;
        }
        // the detected identity fields (e-mail, phone, device signals) have no pickers here and stay as detected
        ImportPlan edited = plan.get().withMapping(plan.get().mapping().withPerson(column(person))
                .withAnonymous(column(anonymous)).withTime(column(time)).withTimeOffset(column(timeOffset))
                .withEvent(column(event))).withZone(zone.get());
        plan.set(JsonMessages.describeTime(edited, messages));
        refreshSamples();
    }

    /** Reads the previewed messages under the current mapping, so the user sees what the stream will store. */
    private void refreshSamples() {
        ImportPlan p = plan.get();
        String missing = JsonMessages.missingRole(p);
        if (missing != null) {
            problem.set(missing);
            samples.clear();
            return;
        }
        String settings = source().problem();
        problem.set(settings == null ? "" : settings);
        if (sampleTask != null) {
            sampleTask.cancel();
        }
        List<byte[]> msgs = messages;
        sampleTask = runner.run("Reading sample messages", ctx -> sample(p, msgs), samples::setAll, t -> {
            if (!(t instanceof CancelledException)) {
                samples.setAll("Could not read the messages with these fields: " + Dialogs.messageOf(t));
            }
        });
    }

    private static List<String> sample(ImportPlan p, List<byte[]> msgs) {
        List<String> out = new ArrayList<>();
        JsonMessages.Reader reader = new JsonMessages.Reader(p, JsonMessages.DEFAULT_MAX_BYTES);
        int[] rejects = {0};
        int[] events = {0};
        EventSink sink = new EventSink() {
            @Override
            public void event(ParsedEvent e) {
                if (events[0]++ < SAMPLE_EVENTS) {
                    out.add(ImportViewModel.describe(e, p.zone()));
                }
            }

            @Override
            public void reject(long line, String reason, String raw) {
                if (rejects[0]++ < 3) {
                    out.add("message " + (line + 1) + " rejected: " + reason);
                }
            }
        };
        for (int i = 0; i < msgs.size(); i++) {
            reader.read(i, msgs.get(i), sink);
        }
        if (rejects[0] > 0) {
            out.add(Format.count(rejects[0]) + " of the " + msgs.size() + " messages would be rejected.");
        }
        return out;
    }

    /**
     * Starts the stream into the open project with the current settings and mapping.
     *
     * @return whether it started (false when something is missing; {@link #problemProperty()} says what)
     */
    public boolean connect() {
        ImportPlan p = plan.get();
        KafkaSource src = source();
        String why = src.problem();
        if (why == null) {
            why = p == null ? "Preview the topic first, to check its messages and choose the fields."
                    : JsonMessages.missingRole(p);
        }
        if (why != null) {
            problem.set(why);
            return false;
        }
        live.connect(src, p);
        return true;
    }

    /** Stops a preview still reading. */
    public void cancel() {
        if (previewTask != null) {
            previewTask.cancel();
        }
    }

    // ---- state

    public StringProperty bootstrapProperty() {
        return bootstrap;
    }

    public StringProperty topicProperty() {
        return topic;
    }

    public StringProperty groupProperty() {
        return group;
    }

    public ObjectProperty<StartFrom> fromProperty() {
        return from;
    }

    public ObjectProperty<KafkaSecurity.Protocol> protocolProperty() {
        return protocol;
    }

    public StringProperty truststoreProperty() {
        return truststore;
    }

    public StringProperty truststorePasswordProperty() {
        return truststorePassword;
    }

    public ObjectProperty<KafkaSecurity.Mechanism> mechanismProperty() {
        return mechanism;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    @Override
    public ObservableList<String> roleChoices() {
        return roleChoices;
    }

    @Override
    public ObjectProperty<String> personProperty() {
        return person;
    }

    @Override
    public ObjectProperty<String> anonymousProperty() {
        return anonymous;
    }

    @Override
    public ObjectProperty<String> timeProperty() {
        return time;
    }

    @Override
    public ObjectProperty<String> timeOffsetProperty() {
        return timeOffset;
    }

    @Override
    public ObjectProperty<String> eventProperty() {
        return event;
    }

    @Override
    public ObjectProperty<ZoneId> zoneProperty() {
        return zone;
    }

    public ObservableList<String> columns() {
        return columns;
    }

    public ObservableList<Map<String, String>> previewRows() {
        return previewRows;
    }

    public ObservableList<String> samples() {
        return samples;
    }

    public ReadOnlyObjectProperty<ImportPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** What keeps the stream from starting, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** What the preview found ("100 messages read · times: ISO-8601 …"), or what it is doing. */
    public ReadOnlyStringProperty previewTextProperty() {
        return previewText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True once messages were previewed and the role pickers hold their fields. */
    public BooleanProperty previewedProperty() {
        return previewed;
    }

    /** The saved settings this dialog started from, if any. */
    public Optional<SavedStream> saved() {
        return Optional.ofNullable(saved);
    }
}
