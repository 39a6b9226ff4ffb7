package org.journeyexplorer.identity;

/**
 * The person of every event after identity stitching.
 *
 * @param personOfRow  person index per row of the {@code EventColumns}; persons are numbered by name order
 *                     ({@link IdentityResolver#compareNames}), so they can be used as the frame's person index
 * @param personNames  display name per person: the main user id, else an anonymous id
 * @param report       what stitching did
 * @param graph        which ids make up each person and why (person indices as in {@link #personOfRow})
 */
public record IdentityResolution(int[] personOfRow, String[] personNames, IdentityReport report, IdentityGraph graph) {

    public int personCount() {
        return personNames.length;
    }
}
