package org.journeyexplorer.ui;

import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.ui.journeys.JourneysViewModel.IdRow;
import org.journeyexplorer.ui.journeys.JourneysViewModel.PersonRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Journeys tab's "Ids of this person" in the real window, on the bundled demo: a person with two accounts
 * (joined by one e-mail address) and a device per account shows all four ids with the rule that joined each, and
 * unlinking a device from its context menu takes that device's anonymous events out of the person in every
 * analysis; linking it again puts them back.
 */
class JourneysIdsFxTest extends AppFxTestBase {
    private static final Path DEMO = Path.of("assets", "demo", "demo-events.csv.gz");
    // read by hand from the demo file: u101084 signs in on 6e805dbe0f9f; the e-mail on u101084's rows is also on
    // the second account u50101084, which signs in on 473fa66104ed
    private static final String USER = "u101084";
    private static final String SECOND_ACCOUNT = "u50101084";
    private static final String DEVICE = "6e805dbe0f9f";
    private static final String SECOND_DEVICE = "473fa66104ed";
    private static Path original;

    @BeforeAll
    static void openTheDemo() throws Exception {
        original = onFx(() -> app.model().getProject().path());
        Path project = Files.createTempDirectory(tempDir, "ids").resolve("demo");
        onFx(() -> {
            app.model().openProject(project);
            return null;
        });
        waitFor(60, "demo project opened", () -> app.model().getProject() != null
                && app.model().getProject().path().getFileName().toString().startsWith("demo")
                && !app.model().loadingProperty().get());
        app.model().backend().importFile(Ingest.inspect(DEMO, ZoneOffset.UTC), true, new AtomicLong(),
                TaskContext.NONE);
        onFx(() -> {
            app.model().reloadFrame();
            return null;
        });
        waitFor(120, "demo loaded", () -> app.model().getSelection() != null
                && app.model().getSelection().frame().size == 60_000 && !app.model().loadingProperty().get());
    }

    @AfterAll
    static void backToTheSharedProject() throws Exception {
        onFx(() -> {
            // the search would carry over to the shared project and hide its persons from the tests after this one
            ((org.journeyexplorer.ui.journeys.JourneysView) app.window().view(Feature.JOURNEYS)).viewModel()
                    .searchProperty().set("");
            app.model().openProject(original);
            return null;
        });
        waitFor(120, "shared project reopened", () -> app.model().getProject() != null
                && app.model().getProject().path().equals(original) && app.model().getSelection() != null
                && !app.model().loadingProperty().get());
    }

    @Test
    void aPersonsIdsShowWhyTheyBelongAndUnlinkingOneChangesTheAnalyses() throws Exception {
        List<String[]> rows = demoRows();
        Set<String> users = Set.of(USER, SECOND_ACCOUNT);
        int personEvents = count(rows, users, Set.of(DEVICE, SECOND_DEVICE));
        int anonymousOnSecondDevice = count(rows, Set.of(), Set.of(SECOND_DEVICE));
        assertTrue(anonymousOnSecondDevice > 0 && personEvents > anonymousOnSecondDevice);

        onFx(() -> {
            app.model().selectedFeatureProperty().set(Feature.JOURNEYS);
            return null;
        });
        int persons = onFx(() -> app.model().getFrame().personCount());
        PersonRow person = selectPerson(USER);
        assertEquals(personEvents, person.events(), "events of " + USER + " and their ids");

        Map<String, IdRow> ids = shownIds();
        assertEquals(Set.of(USER, DEVICE, SECOND_ACCOUNT, SECOND_DEVICE), ids.keySet());
        assertEquals("", ids.get(USER).rule());
        assertEquals("sign-in", ids.get(SECOND_DEVICE).rule());
        assertEquals("main id", ids.get(USER).why());
        assertEquals("user", ids.get(SECOND_ACCOUNT).kind());
        assertEquals("email", ids.get(SECOND_ACCOUNT).rule());
        assertEquals("same e-mail as " + USER, ids.get(SECOND_ACCOUNT).why());
        assertEquals("anonymous", ids.get(DEVICE).kind());
        assertEquals("sign-in", ids.get(DEVICE).rule());
        assertEquals("signed in as " + USER, ids.get(DEVICE).why());
        assertEquals("signed in as " + SECOND_ACCOUNT, ids.get(SECOND_DEVICE).why());

        // unlink the second device as a user does: select its row, press the button under the table
        clickOn(idRow(USER));
        assertTrue(lookup("#journeys-unlink").queryButton().isDisabled(), "the main id cannot be unlinked");
        clickOn(idRow(SECOND_DEVICE));
        assertEquals("Unlink from this person", lookup("#journeys-unlink").queryButton().getText());
        clickOn("#journeys-unlink");
        waitFor(120, "frame rebuilt without the device", () -> !app.model().loadingProperty().get()
                && app.model().getFrame().personCount() == persons + 1);
        PersonRow after = selectPerson(USER);
        assertEquals(personEvents - anonymousOnSecondDevice, after.events(),
                "the device's anonymous events left the person");
        assertEquals(Set.of(USER, DEVICE, SECOND_ACCOUNT), shownIds().keySet());

        // the device is a person of its own now; link it again from there
        selectPerson(SECOND_DEVICE);
        IdRow alone = shownIds().get(SECOND_DEVICE);
        assertTrue(alone.unlinked(), "shown as unlinked: " + alone);
        clickOn(idRow(SECOND_DEVICE));
        assertEquals("Link again", lookup("#journeys-unlink").queryButton().getText());
        clickOn("#journeys-unlink");
        waitFor(120, "frame rebuilt with the device", () -> !app.model().loadingProperty().get()
                && app.model().getFrame().personCount() == persons);
        assertEquals(personEvents, selectPerson(USER).events());
        assertEquals(4, shownIds().size());
    }

    /** Types the id in the search field and selects the only person it finds. */
    private PersonRow selectPerson(String name) throws Exception {
        TableView<?> persons = lookup("#journeys-persons").queryAs(TableView.class);
        onFx(() -> {
            ((org.journeyexplorer.ui.journeys.JourneysView) app.window().view(Feature.JOURNEYS)).viewModel()
                    .searchProperty().set("");
            return null;
        });
        clickOn("#journeys-search").write(name);
        waitFor(60, "person " + name + " listed", () -> persons.getItems().size() == 1
                && ((PersonRow) persons.getItems().get(0)).name().equals(name));
        Node cell = lookup("#journeys-persons .table-row-cell").match(n -> n instanceof TableRow<?> r
                && r.getItem() instanceof PersonRow p && p.name().equals(name)).query();
        clickOn(cell);
        waitFor(30, "ids of " + name + " shown", () -> !lookup("#journeys-ids").queryAs(TableView.class).getItems()
                .isEmpty());
        return (PersonRow) onFx(() -> persons.getSelectionModel().getSelectedItem());
    }

    private Map<String, IdRow> shownIds() throws Exception {
        TableView<?> t = lookup("#journeys-ids").queryAs(TableView.class);
        return onFx(() -> {
            Map<String, IdRow> m = new LinkedHashMap<>();
            for (Object o : t.getItems()) {
                IdRow r = (IdRow) o;
                m.put(r.id(), r);
            }
            return m;
        });
    }

    private Node idRow(String id) {
        return lookup("#journeys-ids .table-row-cell").match(n -> n instanceof TableRow<?> r
                && r.getItem() instanceof IdRow row && row.id().equals(id)).query();
    }

    /** The demo's rows as {user_id, anonymous_id}. */
    private static List<String[]> demoRows() throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(DEMO)), StandardCharsets.UTF_8))) {
            List<String> header = List.of(in.readLine().split(","));
            int user = header.indexOf("user_id");
            int anon = header.indexOf("anonymous_id");
            // the ids are plain; only user agents hold commas (quoted), and they come after the ids
            return in.lines().map(l -> l.split(",", -1)).map(f -> new String[]{f[user], f[anon]}).toList();
        }
    }

    /** Rows with one of {@code users}, or with no user id and one of {@code anonymous}: a naive person. */
    private static int count(List<String[]> rows, Set<String> users, Set<String> anonymous) {
        int n = 0;
        for (String[] r : rows) {
            if (users.contains(r[0]) || r[0].isEmpty() && anonymous.contains(r[1])) {
                n++;
            }
        }
        return n;
    }
}
