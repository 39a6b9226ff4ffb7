package org.journeyexplorer.cli;

import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.project.ProjectSession;

/** How commands reach the project named by {@code --project}: always through a {@link ProjectSession}. */
final class Projects {
    private Projects() {
    }

    /** Opens the existing project named by {@code --project} (required). */
    static ProjectSession open(CommandArgs a) {
        return ProjectSession.open(a.path("--project"));
    }

    /**
     * A frame, the display name of its project (for export captions), and the filters of the command line with the
     * events that pass them (null: none given, every event).
     */
    record Framed(BuiltFrame built, String project, FilterSettings filters, Selection filtered) {
        /** The events the command charts: those that pass the command line's filters. */
        Selection selection() {
            return filtered != null ? filtered : Selection.all(built.frame());
        }

        /**
         * The caption of a command's CSV output, decided here for every {@code --csv}: none by default, so the
         * output is plain RFC 4180 that {@code pandas.read_csv}, Python's {@code csv} module, R or a spreadsheet
         * read as it is (a {@code #} line first would become the header, or break the row width); with
         * {@code --caption} the {@code #} lines the app's chart exports carry, date range and filters included, so
         * the bytes equal the app's export under the same filters.
         */
        ChartCaption caption(CommandArgs a) {
            return a.flag("--caption") ? ChartCaption.of("", project, filters) : null;
        }
    }

    /**
     * The frame of the {@code --project} under the project's identity rules and the command line's session rule
     * (see {@link CommandArgs#frameRule}): the same rule the app builds its frame under.
     */
    static Framed frame(CommandArgs a) {
        return frame(a, false);
    }

    /**
     * As {@link #frame(CommandArgs)}; with {@code identity} the frame's identity report is worked out before the
     * project is closed (a reopened frame reads it beside the stored frame order, or works it out from the events
     * only when asked, which needs the project open), for commands that report it. The graph is not: none of
     * them asks for it, and a reopened frame would read the events for it.
     */
    static Framed frame(CommandArgs a, boolean identity) {
        a.checkFrameRule();
        FilterSettings filters = a.filters(); // refused, if it must be, before the project is opened
        try (ProjectSession s = open(a)) {
            BuiltFrame built = s.frame(a.frameRule(s.identitySettings(), s.journeyScope()), TaskContext.NONE);
            if (identity) {
                built.identity();
            }
            // a property condition is answered by the project's property index, which needs the project open
            Selection filtered = filters == null ? null : s.select(built.frame(), filters.toFilter(), TaskContext.NONE);
            return new Framed(built, s.name(), filters, filtered);
        }
    }
}
