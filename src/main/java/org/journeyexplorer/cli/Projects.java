package org.journeyexplorer.cli;

import org.journeyexplorer.analysis.BuiltFrame;
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

    /** A frame and the display name of its project (for export captions). */
    record Framed(BuiltFrame built, String project) {
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
        try (ProjectSession s = open(a)) {
            BuiltFrame built = s.frame(a.frameRule(s.identitySettings(), s.journeyScope()), TaskContext.NONE);
            if (identity) {
                built.identity();
            }
            return new Framed(built, s.name());
        }
    }
}
