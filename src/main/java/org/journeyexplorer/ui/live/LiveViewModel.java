package org.journeyexplorer.ui.live;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.live.KafkaSource;
import org.journeyexplorer.live.LiveStatus;
import org.journeyexplorer.live.LiveStream;
import org.journeyexplorer.live.SavedStream;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Format;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live stream of the open project, for the status bar: connect, pause, resume, disconnect, and the stream's
 * status on the FX thread. Status updates from the stream's thread are coalesced (one pending hop to the FX thread
 * at a time, however fast batches arrive), and each committed batch asks the {@link AppModel} to refresh the views,
 * which it does at most every {@link AppModel#LIVE_REFRESH} .
 */
public final class LiveViewModel {
    private final AppModel model;
    private final ReadOnlyObjectWrapper<LiveStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
    private final AtomicReference<LiveStatus> pending = new AtomicReference<>();
    private final AtomicBoolean hopScheduled = new AtomicBoolean();
    private LiveStream stream;
    private long batchesSeen;

    public LiveViewModel(AppModel model) {
        this.model = model;
        // a stream belongs to the project it writes into
        model.projectProperty().addListener((o, a, p) -> {
            if (a != null && (p == null || !a.path().equals(p.path()))) {
                disconnect();
            }
        });
    }

    /**
     * Starts streaming {@code source} into the open project with {@code plan}'s mapping, ending any stream
     * running, and saves the settings (without passwords) with the project.
     */
    public void connect(KafkaSource source, ImportPlan plan) {
        disconnect();
        LiveStream s = new LiveStream(source, plan, model.backend().liveSink(), LiveStream.Options.DEFAULT);
        stream = s;
        batchesSeen = 0;
        s.addListener(st -> {
            pending.set(st);
            if (hopScheduled.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    hopScheduled.set(false);
                    LiveStatus latest = pending.get();
                    if (stream == s && latest != null) {
                        show(latest);
                    }
                });
            }
        });
        show(s.status());
        active.set(true);
        s.start();
        SavedStream saved = SavedStream.of(source, plan);
        var backend = model.backend();
        model.runner().run("Saving the stream settings", ctx -> {
            backend.saveStream(saved);
            return null;
        }, r -> {
        }, model::fail);
    }

    /** Stores what was read and stops reading until {@link #resume()}. */
    public void pause() {
        if (stream != null) {
            stream.pause();
            paused.set(true);
        }
    }

    public void resume() {
        if (stream != null) {
            stream.resume();
            paused.set(false);
        }
    }

    /** Ends the stream (its last batch is stored first), in the background. */
    public void disconnect() {
        LiveStream s = stream;
        if (s == null) {
            return;
        }
        stream = null;
        active.set(false);
        paused.set(false);
        model.runner().run("Disconnecting from " + s.source().describe(), ctx -> {
            s.close();
            return s.status();
        }, st -> {
            if (stream == null) {
                show(st);
                model.liveEventsAppended();
            }
        }, model::fail);
    }

    /** Ends the stream and waits for its last batch to be stored: the app is closing. */
    public void disconnectNow() {
        LiveStream s = stream;
        stream = null;
        if (s != null) {
            s.close();
        }
    }

    private void show(LiveStatus s) {
        status.set(s);
        if (s.batches() > batchesSeen) {
            batchesSeen = s.batches();
            model.liveEventsAppended();
        }
        if (s.state().ended() && stream != null && stream.status() == s) {
            active.set(false);
        }
        paused.set(s.state() == LiveStatus.State.PAUSED);
        text.set(summary(s));
        details.set(s.message());
    }

    /** The status bar's line: "Live · 1,234 events/s · lag 0 · 12 rejected". */
    static String summary(LiveStatus s) {
        StringBuilder sb = new StringBuilder(s.state().label());
        if (s.state() == LiveStatus.State.RUNNING || s.state() == LiveStatus.State.PAUSED
                || s.state() == LiveStatus.State.RECONNECTING) {
            sb.append(" · ").append(String.format(Locale.ROOT, "%,.0f", s.eventsPerSecond())).append(" events/s");
            sb.append(" · lag ").append(s.lag() < 0 ? "?" : Format.count(s.lag()));
        } else if (s.state() == LiveStatus.State.STOPPED) {
            sb.append(" · ").append(Format.count(s.events())).append(" events stored");
        }
        if (s.rejected() > 0) {
            sb.append(" · ").append(Format.count(s.rejected())).append(" rejected");
        }
        return sb.toString();
    }

    /** The stream's latest status, or null before the first connection. */
    public ReadOnlyObjectProperty<LiveStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True while a stream runs (connecting, live, reconnecting or paused). */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    /** One line: state, events per second, lag, rejected messages. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** The stream's own message (what it is doing, or why it failed), for a tooltip. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public AppModel model() {
        return model;
    }
}
