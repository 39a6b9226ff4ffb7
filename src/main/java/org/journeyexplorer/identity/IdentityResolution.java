package org.journeyexplorer.identity;

/**
 * The person of every event after identity stitching.
 *
 * @param personOfRow  person index per row of the {@code EventColumns}; persons are numbered by name order
 *                     ({@link IdentityResolver#compareNames}), so they can be used as the frame's person index
 * @param personNames  display name per person: the user id, else the anonymous id
 * @param report       what stitching did
 */
public record IdentityResolution(int[] personOfRow, String[] personNames, IdentityReport report) {

    public int personCount() {
        return personNames.length;
    }
}
