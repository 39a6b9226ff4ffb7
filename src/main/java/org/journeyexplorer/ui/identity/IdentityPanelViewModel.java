package org.journeyexplorer.ui.identity;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.journeyexplorer.identity.AccountMerge;
import org.journeyexplorer.identity.IdentityReport;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.identity.KeyConflict;
import org.journeyexplorer.identity.ProbableLink;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Format;
import org.journeyexplorer.ui.IdentityInfo;

import java.util.Locale;

/**
 * The identity panel: how many ids were joined to their persons by which rule, the rules themselves (which keys
 * join accounts, probable links and their threshold), and the merge report with unlinking. Changing a rule saves
 * it in the project and rebuilds the frame, so every analysis follows.
 */
public final class IdentityPanelViewModel {
    private final AppModel model;
    private final ReadOnlyStringWrapper signIn = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper email = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper phone = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper probable = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper reportText = new ReadOnlyStringWrapper("");
    private final BooleanProperty emailJoinsAccounts = new SimpleBooleanProperty(this, "emailJoinsAccounts", true);
    private final BooleanProperty phoneJoinsAccounts = new SimpleBooleanProperty(this, "phoneJoinsAccounts");
    private final BooleanProperty probabilistic = new SimpleBooleanProperty(this, "probabilistic");
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold",
            IdentitySettings.DEFAULT_THRESHOLD);
    private final ObservableList<ReportRow> report = FXCollections.observableArrayList();
    private boolean updating;

    /**
     * One line of the merge report.
     *
     * @param kind   "account merge", "refused", "probable" or "unlinked"
     * @param id     the id it is about
     * @param with   the id or person on the other side
     * @param detail the rule, score and signals in words
     */
    public record ReportRow(String kind, String id, String with, String detail) {
        /** Whether the id can be unlinked (a merge or probable link) rather than linked again. */
        public boolean unlinkable() {
            return !kind.equals("unlinked") && !kind.equals("refused");
        }
    }

    public IdentityPanelViewModel(AppModel model) {
        this.model = model;
        model.identityProperty().addListener((o, a, b) -> show(b));
        emailJoinsAccounts.addListener((o, a, b) -> apply(s -> s.withEmailJoinsAccounts(b)));
        phoneJoinsAccounts.addListener((o, a, b) -> apply(s -> s.withPhoneJoinsAccounts(b)));
        probabilistic.addListener((o, a, b) -> apply(s -> s.withProbabilistic(b)));
        threshold.addListener((o, a, b) -> apply(s -> s.withThreshold(Math.round(b.doubleValue() * 100) / 100.0)));
        show(model.identityProperty().get());
    }

    private void apply(java.util.function.UnaryOperator<IdentitySettings> change) {
        IdentityInfo info = model.identityProperty().get();
        if (updating || info == null) {
            return;
        }
        model.applyIdentitySettings(change.apply(info.settings()));
    }

    private void show(IdentityInfo info) {
        updating = true;
        try {
            report.clear();
            if (info == null) {
                for (ReadOnlyStringWrapper w : new ReadOnlyStringWrapper[]{signIn, email, phone, probable}) {
                    w.set("—");
                }
                reportText.set("");
                return;
            }
            IdentitySettings s = info.settings();
            emailJoinsAccounts.set(s.emailJoinsAccounts());
            phoneJoinsAccounts.set(s.phoneJoinsAccounts());
            probabilistic.set(s.probabilistic());
            threshold.set(s.threshold());
            IdentityReport r = info.report();
            if (!r.stitched()) {
                for (ReadOnlyStringWrapper w : new ReadOnlyStringWrapper[]{signIn, email, phone, probable}) {
                    w.set("off");
                }
                reportText.set("Stitching is off: one person per user id, else per anonymous id.");
                return;
            }
            signIn.set(Format.count(r.joined().signIn()));
            email.set(Format.count(r.joined().email()));
            phone.set(Format.count(r.joined().phone()));
            probable.set(s.probabilistic() ? Format.count(r.joined().probable()) : "off");
            reportText.set(String.format(Locale.US, "%,d ids joined · %,d account merges · %,d refused links"
                            + " · %,d sign-in conflicts · %,d unlinked", r.joined().total(), r.accountMergeCount(),
                    r.keyConflictCount(), r.conflictCount(), r.unlinkedIds()));
            for (AccountMerge m : r.accountMerges()) {
                report.add(new ReportRow("account merge", m.joinedUserId(), m.userId(),
                        "same " + m.rule().label() + " on both accounts"));
            }
            for (ProbableLink p : r.probableLinks()) {
                report.add(new ReportRow("probable", p.anonymousId(), p.linkedTo(),
                        String.format(Locale.US, "score %.2f: %s", p.score(), String.join(", ", p.signals()))));
            }
            for (KeyConflict k : r.keyConflicts()) {
                report.add(new ReportRow("refused", k.id(), k.keyPerson(), "carried the " + k.rule().label()
                        + " of " + k.keyPerson() + ", kept with " + k.idPerson()));
            }
            for (String id : s.detached()) {
                report.add(new ReportRow("unlinked", id, "", "stands alone"));
            }
        } finally {
            updating = false;
        }
    }

    /** Unlinks the row's id from its person (or links an unlinked one again); the frame is rebuilt. */
    public void toggleLink(ReportRow row) {
        if (row != null && !row.kind().equals("refused")) {
            model.unlink(row.id(), row.unlinkable());
        }
    }

    public ReadOnlyStringProperty signInProperty() {
        return signIn.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty emailProperty() {
        return email.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty phoneProperty() {
        return phone.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty probableProperty() {
        return probable.getReadOnlyProperty();
    }

    /** One line: ids joined, account merges, refused links, conflicts, unlinked ids. */
    public ReadOnlyStringProperty reportTextProperty() {
        return reportText.getReadOnlyProperty();
    }

    public BooleanProperty emailJoinsAccountsProperty() {
        return emailJoinsAccounts;
    }

    public BooleanProperty phoneJoinsAccountsProperty() {
        return phoneJoinsAccounts;
    }

    public BooleanProperty probabilisticProperty() {
        return probabilistic;
    }

    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    /** The merge report: account merges, probable links, refused links, unlinked ids. */
    public ObservableList<ReportRow> report() {
        return report;
    }
}
