package org.journeyexplorer.ui.scores;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.journeyexplorer.live.KafkaSource;
import org.journeyexplorer.live.ScoreBoard;
import org.journeyexplorer.ui.Dialogs;
import org.journeyexplorer.ui.Format;
import org.journeyexplorer.ui.concurrent.TaskRunner;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * "Likely to convert": follows the scores topic of the streaming scoring job and lists the persons with an open
 * session who are most likely to reach the goal right now, with their journey so far and the likely next steps.
 * Connecting (which waits for the broker) runs on the app's task runner; the subscription then lives on the
 * {@link ScoreBoard}'s own thread, whose snapshots come to the FX thread through {@code fx}.
 */
public final class LiveScoresViewModel {
    /** Persons listed. */
    public static final int TOP = 50;
    /** The scoring job's default session timeout: a person quiet for longer has ended the session. */
    public static final Duration SESSION_TIMEOUT = Duration.ofMinutes(30);

    /**
     * One listed person.
     *
     * @param person     the person
     * @param conversion probability of reaching the goal in this session (0–1)
     * @param lastEvent  the latest event
     * @param time       its time
     * @param events     events in the session so far
     * @param journey    the session so far, "a → b → c"
     * @param next       the likely next steps, "b 40 % · (leaves) 30 %"
     */
    public record Row(String person, double conversion, String lastEvent, Instant time, int events, String journey,
                      String next) {
    }

    private final TaskRunner runner;
    private final Executor fx;
    private final ZoneId zone;
    private final StringProperty bootstrap = new SimpleStringProperty(this, "bootstrap", "localhost:9092");
    private final StringProperty topic = new SimpleStringProperty(this, "topic", "journey_event_scores");
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(this, "connected");
    private final ReadOnlyBooleanWrapper connecting = new ReadOnlyBooleanWrapper(this, "connecting");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status",
            "Not connected. Enter where the scoring job writes its scores and press Connect.");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private ScoreBoard board;
    private ScoreBoard pending;

    /**
     * @param runner runs the connect step in the background
     * @param fx     runs on the FX thread ({@code Platform::runLater}; tests may run at once)
     * @param zone   zone the times are shown in
     */
    public LiveScoresViewModel(TaskRunner runner, Executor fx, ZoneId zone) {
        this.runner = runner;
        this.fx = fx;
        this.zone = zone;
    }

    public StringProperty bootstrapProperty() {
        return bootstrap;
    }

    public StringProperty topicProperty() {
        return topic;
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectingProperty() {
        return connecting.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The persons most likely to convert, most likely first. */
    public ObservableList<Row> rows() {
        return rows;
    }

    /**
     * Offers the cluster the project streams its events from (File ▸ Connect to a stream…): the job's scores are
     * usually on the same one. Taken only while the field still holds its default and nothing is connected.
     */
    public void suggestBootstrap(String servers) {
        if (servers != null && !servers.isBlank() && !connected.get() && !connecting.get()
                && "localhost:9092".equals(bootstrap.get())) {
            bootstrap.set(servers);
        }
    }

    /** Connects to the topic and follows it; a wrong address or topic ends in a one-line status. */
    public void connect() {
        if (connected.get() || connecting.get()) {
            return;
        }
        KafkaSource source = KafkaSource.plain(bootstrap.get(), topic.get());
        String problem = source.problem();
        if (problem != null) {
            status.set(problem);
            return;
        }
        ScoreBoard[] self = new ScoreBoard[1];
        ScoreBoard b = new ScoreBoard(source, TOP, SESSION_TIMEOUT, snap -> fx.execute(() -> show(self[0], snap)));
        self[0] = b;
        pending = b;
        connecting.set(true);
        status.set("Connecting to " + source.topic() + " at " + source.bootstrap() + "…");
        runner.run("Connecting to " + source.topic(), ctx -> {
            b.start();
            return b;
        }, started -> {
            connecting.set(false);
            if (pending != started) { // disconnected while connecting
                started.close();
                return;
            }
            pending = null;
            board = started;
            connected.set(true);
            status.set("Following " + source.topic() + " at " + source.bootstrap() + ": waiting for scores…");
        }, failure -> {
            connecting.set(false);
            pending = null;
            status.set(Dialogs.messageOf(failure));
        });
    }

    /** Stops following the topic; the list stays as it was. */
    public void disconnect() {
        pending = null;
        if (board != null) {
            board.close();
            board = null;
        }
        if (connected.get()) {
            connected.set(false);
            status.set("Disconnected.");
        }
    }

    private void show(ScoreBoard from, ScoreBoard.Snapshot s) {
        if (from != board) {
            return; // a board closed since
        }
        List<Row> out = new ArrayList<>(s.top().size());
        for (ScoreBoard.Entry e : s.top()) {
            out.add(new Row(e.person(), e.conversion(), e.lastEvent(), e.time(), e.position(), journey(e),
                    next(e)));
        }
        rows.setAll(out);
        if (s.problem() != null) {
            status.set(s.problem());
            return;
        }
        status.set(String.format(Locale.ROOT, "%s open sessions, %s of them converted already; %s scores read%s%s",
                Format.count(s.open()), Format.count(s.converted()), Format.count(s.scores()),
                s.latest() == null ? "" : "; latest event " + Format.dateTime(s.latest(), zone),
                s.unreadable() == 0 ? "" : "; " + Format.count(s.unreadable()) + " messages were not scores"));
    }

    private static String journey(ScoreBoard.Entry e) {
        String path = String.join(" → ", e.path());
        return e.position() > e.path().size() ? "… → " + path : path;
    }

    private static String next(ScoreBoard.Entry e) {
        List<String> parts = new ArrayList<>();
        for (ScoreBoard.Next n : e.next()) {
            parts.add((n.event() == null ? "(leaves)" : n.event()) + " " + Format.percent(n.probability()));
        }
        return String.join(" · ", parts);
    }
}
