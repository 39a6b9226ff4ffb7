package org.journeyexplorer.analysis;

import org.journeyexplorer.identity.IdentityReport;
import org.journeyexplorer.session.SessionRule;

/**
 * An {@link EventFrame} with how it was made: the stitching report and the session rule.
 *
 * @param frame    the frame
 * @param identity what identity stitching did
 * @param rule     the session rule the frame's sessions follow
 */
public record BuiltFrame(EventFrame frame, IdentityReport identity, SessionRule rule) {
}
