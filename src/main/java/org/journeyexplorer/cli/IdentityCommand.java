package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.identity.IdentityReport;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.project.ProjectSession;
import org.journeyexplorer.session.SessionRule;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code identity --project P [--probabilistic|--no-probabilistic] [--threshold 0.8] [--window 7d]
 * [--email-joins on|off] [--phone-joins on|off] [--unlink ID ...] [--link ID ...] [--json]}: shows the project's
 * identity rules and, when options change them, saves them in the project as the app's identity panel and the
 * Journeys tab's Unlink do, so the app and every later command join ids by them. Prints the rules and what they
 * join (the {@code identity} block of {@code sessions --json}).
 */
final class IdentityCommand {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> VALUES = Set.of("--project", "--threshold", "--window", "--email-joins",
            "--phone-joins", "--unlink", "--link");
    private static final Set<String> FLAGS = Set.of("--probabilistic", "--no-probabilistic", "--json");

    private IdentityCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Guard.run("identity", err, () -> {
            CommandArgs a = CommandArgs.parse(args, VALUES, FLAGS);
            a.projectIdentity(IdentitySettings.DEFAULT); // bad values are refused before the project is opened
            Map<String, Object> m = new LinkedHashMap<>();
            IdentityReport report;
            try (ProjectSession s = Projects.open(a)) {
                IdentitySettings before = s.identitySettings();
                IdentitySettings after = a.projectIdentity(before);
                if (!after.detached().equals(before.detached())) {
                    Set<String> known = Set.copyOf(Arrays.asList(s.columns(TaskContext.NONE).identities()));
                    for (String id : a.all("--unlink")) {
                        if (!known.contains(id)) {
                            throw new UserFacingException("There is no id '" + id + "' in " + s.name()
                                    + " to unlink (ids as stored: pseudonyms in a pseudonymised project).");
                        }
                    }
                }
                boolean saved = !after.equals(before);
                if (saved) {
                    s.saveIdentitySettings(after);
                }
                report = s.frame(s.rule(SessionRule.defaults()), TaskContext.NONE).identity();
                m.put("saved", saved);
                m.put("settings", settings(after));
                m.put("persons", report.persons());
                m.put("identity", AnalysisCommands.identitySummary(report));
            }
            if (a.flag("--json")) {
                out.println(JSON.writeValueAsString(m));
                return 0;
            }
            if ((boolean) m.get("saved")) {
                out.println("Saved the identity rules; the app and every command now join ids by them.");
            }
            ((Map<?, ?>) m.get("settings")).forEach((k, v) -> out.println(k + ": " + v));
            out.println("persons: " + report.persons());
            out.println(AnalysisCommands.joinedLine(report));
            return 0;
        });
    }

    /** The rules as {@code identity --json} prints them under {@code settings}. */
    static Map<String, Object> settings(IdentitySettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("email_joins_accounts", s.emailJoinsAccounts());
        m.put("phone_joins_accounts", s.phoneJoinsAccounts());
        m.put("probabilistic", s.probabilistic());
        m.put("threshold", Double.parseDouble(String.format(Locale.ROOT, "%.3f", s.threshold())));
        m.put("window_minutes", s.windowMinutes());
        m.put("unlinked", s.detached().stream().sorted().toList());
        return m;
    }
}
