package org.journeyexplorer.ui.journeys;

import javafx.concurrent.Task;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.privacy.PrivacyFixture;
import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.journeyexplorer.ui.concurrent.TaskRunner;
import org.journeyexplorer.ui.project.StoreBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A reopened project's identity graph is worked out after its first view, so a person can be selected in the
 * Journeys tab before it exists: the ids table says it is being worked out, then shows the person's ids when it
 * arrives (it stayed "Select a person." beside the selected person).
 */
class JourneysLateIdentityTest {
    @TempDir
    Path dir;

    /** Runs every job at once on the calling thread, except the identity graph's, which waits for {@link #release}. */
    private static final class HoldingRunner implements TaskRunner {
        private final CurrentThreadTaskRunner now = new CurrentThreadTaskRunner();
        private final List<Runnable> held = new ArrayList<>();

        @Override
        public <T> Task<T> run(String title, Function<TaskContext, T> work, Consumer<T> onSuccess,
                               Consumer<Throwable> onFailure) {
            if (title.equals("Resolving identities")) {
                held.add(() -> now.run(title, work, onSuccess, onFailure));
                return null;
            }
            return now.run(title, work, onSuccess, onFailure);
        }

        void release() {
            List<Runnable> r = List.copyOf(held);
            held.clear();
            r.forEach(Runnable::run);
        }
    }

    @Test
    void theIdsOfAPersonSelectedBeforeTheIdentityGraphShowWhenItArrives() throws Exception {
        Path file;
        try (ProjectStore s = PrivacyFixture.project(dir, "p", false)) {
            file = s.file();
        }
        try (StoreBackend first = new StoreBackend()) {
            new AppModel(first, new CurrentThreadTaskRunner()).openProject(file); // stores the frame's order
        }
        HoldingRunner runner = new HoldingRunner();
        try (StoreBackend backend = new StoreBackend()) {
            AppModel model = new AppModel(backend, runner);
            model.openProject(file);
            JourneysViewModel vm = new JourneysViewModel(model, runner);
            model.selectedFeatureProperty().set(Feature.JOURNEYS);
            assertNull(model.identityProperty().get(), "the reopened frame's identity graph is still held back");
            assertEquals(JourneysViewModel.SELECT_A_PERSON, vm.idsMessageProperty().get());

            JourneysViewModel.PersonRow kim = vm.persons().stream()
                    .filter(p -> p.name().equals(PrivacyFixture.KIM)).findFirst().orElseThrow();
            vm.selectedPersonProperty().set(kim);
            assertEquals(List.of(), vm.ids());
            assertEquals("Working out who is who…", vm.idsMessageProperty().get());

            runner.release();
            assertNotNull(model.identityProperty().get());
            assertEquals(PrivacyFixture.KIM_IDS, vm.ids().stream().map(JourneysViewModel.IdRow::id).toList());
            assertEquals("main id", vm.ids().get(0).why());

            vm.selectedPersonProperty().set(null);
            assertEquals(List.of(), vm.ids());
            assertEquals(JourneysViewModel.SELECT_A_PERSON, vm.idsMessageProperty().get());
        }
    }
}
