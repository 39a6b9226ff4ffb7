package org.journeyexplorer.analysis;

import org.journeyexplorer.identity.IdentityGraph;
import org.journeyexplorer.identity.IdentityReport;
import org.journeyexplorer.session.SessionRule;

/**
 * An {@link EventFrame} with how it was made: the stitching report, the session rule, and the identity graph
 * (which ids make up each person of the frame, and why).
 *
 * @param frame    the frame
 * @param identity what identity stitching did
 * @param rule     the session rule the frame's sessions follow
 * @param graph    the identity graph; its person indices are the frame's
 */
public record BuiltFrame(EventFrame frame, IdentityReport identity, SessionRule rule, IdentityGraph graph) {
}
