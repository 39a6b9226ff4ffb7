package org.journeyexplorer.ui;

import org.journeyexplorer.identity.IdentityGraph;
import org.journeyexplorer.identity.IdentityReport;
import org.journeyexplorer.identity.IdentitySettings;

/**
 * The identity graph of the current frame as the views show it: what stitching did, which ids make up each person
 * (person indices are the frame's), and the settings it was built under.
 *
 * @param report   counts and the merge report
 * @param graph    the persons' ids and why they belong together
 * @param settings the identity settings of the build
 */
public record IdentityInfo(IdentityReport report, IdentityGraph graph, IdentitySettings settings) {
}
