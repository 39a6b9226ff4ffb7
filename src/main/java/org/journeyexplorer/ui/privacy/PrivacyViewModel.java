package org.journeyexplorer.ui.privacy;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.journeyexplorer.privacy.DeletionReport;
import org.journeyexplorer.privacy.Person;
import org.journeyexplorer.privacy.PersonExporter;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.concurrent.TaskRunner;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Deletion and access requests from the UI: look up a person (for the confirmation), delete them, export their
 * data. Work runs on the {@link TaskRunner}; failures go to {@link AppModel#fail}. After a deletion the frame is
 * rebuilt, so every view stops showing the person.
 */
public final class PrivacyViewModel {
    private final AppModel model;
    private final TaskRunner runner;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<DeletionReport> lastReport = new ReadOnlyObjectWrapper<>(this, "lastReport");

    public PrivacyViewModel(AppModel model, TaskRunner runner) {
        this.model = Objects.requireNonNull(model);
        this.runner = Objects.requireNonNull(runner);
    }

    private PrivacyService service() {
        return model.backend().privacy();
    }

    /** Finds the person of {@code id}; {@code then} gets them on the FX thread. */
    public void preview(String id, Consumer<Person> then) {
        PrivacyService s = service();
        busy.set(true);
        runner.run("Finding the person", ctx -> s.preview(id, ctx), p -> {
            busy.set(false);
            then.accept(p);
        }, this::fail);
    }

    /** Deletes the person of {@code id}, then rebuilds the frame; {@code then} gets the report. */
    public void forget(String id, Consumer<DeletionReport> then) {
        PrivacyService s = service();
        busy.set(true);
        runner.run("Deleting a person", ctx -> s.forget(id, ctx), r -> {
            busy.set(false);
            lastReport.set(r);
            model.reloadFrame();
            then.accept(r);
        }, t -> {
            fail(t);
            model.reloadFrame(); // a failed deletion rolled back, but the caches were dropped
        });
    }

    /** Exports the person of {@code id} to {@code out}. */
    public void export(String id, Path out, Consumer<PersonExporter.Result> then) {
        PrivacyService s = service();
        busy.set(true);
        runner.run("Exporting a person's data", ctx -> s.export(id, out, ctx), r -> {
            busy.set(false);
            then.accept(r);
        }, this::fail);
    }

    /** Whether the project holds a pseudonym key; {@code then} gets the answer on the FX thread. */
    public void pseudonymKeyPresent(Consumer<Boolean> then) {
        PrivacyService s = service();
        runner.run("Checking the pseudonym key", ctx -> s.hasPseudonymKey(), then, this::fail);
    }

    /** Deletes the pseudonym key for good; {@code then} runs on the FX thread afterwards. */
    public void dropPseudonymKey(Runnable then) {
        PrivacyService s = service();
        busy.set(true);
        runner.run("Deleting the pseudonym key", ctx -> {
            s.dropPseudonymKey();
            return Boolean.TRUE;
        }, done -> {
            busy.set(false);
            then.run();
        }, this::fail);
    }

    private void fail(Throwable t) {
        busy.set(false);
        model.fail(t);
    }

    /** True while a request runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The report of the last deletion, or null. */
    public ReadOnlyObjectProperty<DeletionReport> lastReportProperty() {
        return lastReport.getReadOnlyProperty();
    }

    /** A readable deletion report for the dialog. */
    public static String describe(DeletionReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Deleted ").append(String.join(", ", r.persons())).append(" — ").append(r.ids().size())
                .append(" id(s): ").append(String.join(", ", r.ids())).append("\n\n");
        r.perTable().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        sb.append("\nProject file compacted: ").append(r.compacted() ? "yes" : "no").append('\n');
        sb.append("Tables searched afterwards: ").append(String.join(", ", r.verification().tablesSearched()))
                .append('\n');
        if (r.verification().clean()) {
            sb.append("Verified: nothing of this person is left in the project.");
        } else {
            sb.append("Still found:\n");
            r.verification().findings().forEach(f -> sb.append("  ").append(f).append('\n'));
        }
        if (!r.verification().notes().isEmpty()) {
            sb.append("\nProbably by chance (numbers equal to a numeric id):\n");
            r.verification().notes().forEach(f -> sb.append("  ").append(f).append('\n'));
        }
        return sb.toString();
    }
}
