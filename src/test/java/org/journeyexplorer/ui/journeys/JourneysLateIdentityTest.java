package org.journeyexplorer.ui.journeys;

import org.journeyexplorer.privacy.PrivacyFixture;
import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.journeyexplorer.ui.concurrent.HeldTaskRunner;
import org.journeyexplorer.ui.project.StoreBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

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
    @Test
    void theIdsOfAPersonSelectedBeforeTheIdentityGraphShowWhenItArrives() throws Exception {
        Path file;
        try (ProjectStore s = PrivacyFixture.project(dir, "p", false)) {
            file = s.file();
        }
        try (StoreBackend first = new StoreBackend()) {
            new AppModel(first, new CurrentThreadTaskRunner()).openProject(file); // stores the frame's order
        }
        HeldTaskRunner runner = new HeldTaskRunner("Resolving identities"::equals);
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
