package org.journeyexplorer.analysis;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.session.SessionRule;
import org.journeyexplorer.session.Sessionizer;
import org.journeyexplorer.session.Sessions;
import org.journeyexplorer.store.EventColumns;
import org.journeyexplorer.store.ProjectStore;

/**
 * Builds a project's frame and keeps its session assignment in the project ({@code sessions:<rule>} derived
 * data), so reopening a project with the same rule skips sessionizing. The store drops derived data on every
 * import, and the key names the stitching switch and the whole rule, so a stored assignment always belongs to the
 * current events; its event count is checked as well.
 */
public final class ProjectFrames {
    private ProjectFrames() {
    }

    /** Derived-data key of the sessions for a rule and stitching switch (default identity rules). */
    public static String sessionsKey(boolean stitch, SessionRule rule) {
        return sessionsKey(IdentitySettings.of(stitch), rule);
    }

    /** Derived-data key of the sessions for a rule and identity settings. */
    public static String sessionsKey(IdentitySettings identity, SessionRule rule) {
        return "sessions:" + identity.key() + ";" + rule.key();
    }

    /** Loads the events and builds the frame, reusing or storing the session assignment. */
    public static BuiltFrame build(ProjectStore store, boolean stitch, SessionRule rule, TaskContext ctx) {
        EventColumns columns = store.loadColumns(ctx);
        return build(store, columns, stitch, rule, ctx);
    }

    /** Builds the frame of already loaded columns, reusing or storing the session assignment. */
    public static BuiltFrame build(ProjectStore store, EventColumns columns, boolean stitch, SessionRule rule,
                                   TaskContext ctx) {
        return build(store, columns, IdentitySettings.of(stitch), rule, ctx);
    }

    /** Builds the frame of already loaded columns under identity settings, reusing or storing the sessions. */
    public static BuiltFrame build(ProjectStore store, EventColumns columns, IdentitySettings identity,
                                   SessionRule rule, TaskContext ctx) {
        String key = sessionsKey(identity, rule);
        boolean[] reused = {false};
        BuiltFrame built = FrameBuilder.build(columns, identity, rule, size -> store.readDerived(key)
                .map(bytes -> {
                    Sessions s = Sessionizer.decode(bytes, size);
                    reused[0] = true;
                    return s;
                })
                .orElse(null), ctx);
        if (!reused[0]) {
            EventFrame f = built.frame();
            store.writeDerived(key, Sessionizer.encode(new Sessions(f.session, f.sessionStart)));
        }
        return built;
    }
}
