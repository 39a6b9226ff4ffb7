package org.journeyexplorer.ui;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.journeyexplorer.live.KafkaTestBroker;
import org.journeyexplorer.live.LiveStatus;
import org.journeyexplorer.live.LiveTestData;
import org.journeyexplorer.project.ProjectSession;
import org.journeyexplorer.store.ImportRecord;
import org.journeyexplorer.ui.live.ConnectDialog;
import org.journeyexplorer.ui.live.ConnectViewModel;
import org.journeyexplorer.ui.live.LiveViewModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * File ▸ Connect to a stream… in the real window against the in-process broker: the preview detects the roles,
 * Connect starts the stream, the status bar shows it live, the views follow the new events (at most every 2 s),
 * Pause and Disconnect work. The stream's events are removed again at the end, so other tests see helpdesk only.
 */
class LiveViewFxTest extends AppFxTestBase {
    private static java.nio.file.Path original;

    /** The stream goes into a project of its own: the tests after this one expect the shared helpdesk project. */
    @org.junit.jupiter.api.BeforeAll
    static void aProjectOfItsOwn() throws Exception {
        original = openFreshHelpdesk("live");
    }

    @org.junit.jupiter.api.AfterAll
    static void backToTheSharedProject() throws Exception {
        reopen(original);
    }

    @Test
    void connectPreviewStreamAndWatchTheViewsFollow() throws Exception {
        KafkaTestBroker broker = KafkaTestBroker.shared();
        String topic = broker.newTopic("fx-live", 3);
        LiveTestData.produce(broker, topic, LiveTestData.messages(2000, 0, 31, 0, 0));

        ConnectDialog dialog = onFx(() -> app.window().connectStream());
        ConnectViewModel vm = dialog.viewModel();
        clickOn("#connect-bootstrap").eraseText(30).write(broker.bootstrap());
        clickOn("#connect-topic").write(topic);
        clickOn("#connect-preview");
        waitFor(30, "preview", () -> vm.previewedProperty().get());
        assertEquals("user_id", onFx(() -> vm.personProperty().get()));
        assertEquals("anonymous_id", onFx(() -> vm.anonymousProperty().get()));
        assertEquals("timestamp", onFx(() -> vm.timeProperty().get()));
        assertEquals("event", onFx(() -> vm.eventProperty().get()));
        assertEquals(100, onFx(() -> vm.previewRows().size()));
        // the samples are read in a task of their own after the preview (ci32: read before they were there)
        waitFor(30, "sample events", () -> !vm.samples().isEmpty());
        assertTrue(onFx(() -> vm.samples().get(0)).contains("  ·  "), "sample events shown");

        LiveViewModel live = app.window().live();
        List<Long> frameSizes = new ArrayList<>();
        List<Long> frameTimes = new ArrayList<>();
        onFx(() -> {
            app.model().frameProperty().addListener((o, a, f) -> {
                if (f != null) {
                    frameSizes.add((long) f.size);
                    frameTimes.add(System.nanoTime());
                }
            });
            return null;
        });
        clickOn("#connect-start");
        waitFor(30, "live", () -> live.statusProperty().get() != null
                && live.statusProperty().get().state() == LiveStatus.State.RUNNING);
        waitFor(30, "first events in the views", () -> app.model().getFrame().size == HELPDESK_EVENTS + 2000);
        Label text = lookup("#live-text").queryAs(Label.class);
        assertTrue(onFx(text::getText).startsWith("Live · "), onFx(text::getText));

        // a steady trickle: the views follow, refreshing at most every 2 s
        long t0 = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            LiveTestData.produce(broker, topic, LiveTestData.messages(500, 0, 40 + i, 2000 + i * 500, 0));
            Thread.sleep(1000);
        }
        waitFor(30, "all events in the views", () -> app.model().getFrame().size == HELPDESK_EVENTS + 5000);
        long worst = 0;
        for (int i = 0; i < 5; i++) {
            CountDownLatch answered = new CountDownLatch(1);
            long s = System.nanoTime();
            Platform.runLater(answered::countDown);
            assertTrue(answered.await(2, TimeUnit.SECONDS), "FX thread blocked");
            worst = Math.max(worst, System.nanoTime() - s);
        }
        System.out.printf("FX round trip while streaming: worst of 5 = %.1f ms%n", worst / 1e6);
        List<Long> times = onFx(() -> new ArrayList<>(frameTimes));
        for (int i = 1; i < times.size(); i++) {
            long gap = times.get(i) - times.get(i - 1);
            assertTrue(gap >= 1_500_000_000L, "frames " + (i - 1) + " and " + i + " only " + gap / 1e6 + " ms apart");
        }
        assertTrue(times.size() >= 2, "the views refreshed while events arrived: " + times.size());

        clickOn("#live-pause");
        // pausing first stores the batch in hand (flushAndWait): seconds on a loaded machine
        waitFor(30, "paused", () -> live.statusProperty().get().state() == LiveStatus.State.PAUSED);
        assertEquals("Resume", onFx(() -> lookup("#live-pause").queryAs(Button.class).getText()));
        clickOn("#live-pause");
        waitFor(30, "running", () -> live.statusProperty().get().state() == LiveStatus.State.RUNNING);
        clickOn("#live-disconnect");
        waitFor(30, "disconnected", () -> live.statusProperty().get().state() == LiveStatus.State.STOPPED);
        assertTrue(onFx(text::getText).startsWith("Disconnected · 5,000 events stored"), onFx(text::getText));

        ProjectSession session = app.model().backend().session().orElseThrow();
        for (ImportRecord r : session.imports()) {
            if (r.isStream() && r.removed() == null) {
                session.removeImport(r.id(), org.journeyexplorer.core.TaskContext.NONE);
            }
        }
        onFx(() -> {
            app.model().reloadFrame();
            return null;
        });
        waitFor(30, "helpdesk only again", () -> app.model().getFrame().size == HELPDESK_EVENTS);
    }
}
