package org.journeyexplorer.identity;

import org.journeyexplorer.analysis.TestLogs;
import org.journeyexplorer.core.TaskContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityResolverTest {
    private static final long MIN = 60_000_000L;

    /**
     * a1, a2 browse anonymously and later log in as u1 (multi-device); a3 is seen with u2 (t=30) and, earlier in
     * time but later in the file, with u3 (t=25): u3 wins, u2 is a conflict; a5 is seen with u1 and u2 at the same
     * instant: the earlier row (u1) wins; a4 never logs in.
     */
    private static TestLogs fixture() {
        return new TestLogs()
                .row(null, "a1", 0, "page_view")        // 0 -> u1
                .row("u1", "a1", 10 * MIN, "login")     // 1 -> u1
                .row(null, "a2", 5 * MIN, "page_view")  // 2 -> u1
                .row("u1", "a2", 20 * MIN, "login")     // 3 -> u1
                .row("u2", "a3", 30 * MIN, "login")     // 4 -> u2 (conflict: a3 belongs to u3)
                .row("u3", "a3", 25 * MIN, "login")     // 5 -> u3
                .row(null, "a3", 40 * MIN, "page_view") // 6 -> u3
                .row(null, "a4", 1 * MIN, "page_view")  // 7 -> a4
                .row("u2", null, 50 * MIN, "purchase")  // 8 -> u2
                .row("u1", "a5", 60 * MIN, "login")     // 9 -> u1
                .row("u2", "a5", 60 * MIN, "login")     // 10 -> u2 (conflict: tie, earlier row wins)
                .row(null, "a5", 70 * MIN, "page_view"); // 11 -> u1
    }

    @Test
    void stitchesAnonymousIdsIntoTheirEarliestUser() {
        IdentityResolution r = IdentityResolver.resolve(fixture().columns(), true, TaskContext.NONE);
        assertArrayEquals(new String[]{"a4", "u1", "u2", "u3"}, r.personNames());
        String[] expected = {"u1", "u1", "u1", "u1", "u2", "u3", "u3", "a4", "u2", "u1", "u2", "u1"};
        for (int row = 0; row < expected.length; row++) {
            assertEquals(expected[row], r.personNames()[r.personOfRow()[row]], "row " + row);
        }
        IdentityReport rep = r.report();
        assertEquals(4, rep.persons());
        assertEquals(12, rep.events());
        assertEquals(3, rep.userIds());
        assertEquals(5, rep.anonymousIds());
        assertEquals(4, rep.mergedAnonymousIds()); // a1, a2, a3, a5
        assertEquals(2, rep.multiDevicePersons()); // u1 (a1, a2, a5), u2 (a3, a5)
        assertEquals(2, rep.conflictCount());
        assertEquals(List.of(new IdentityConflict("a3", "u3", "u2", 30 * MIN),
                new IdentityConflict("a5", "u1", "u2", 60 * MIN)), rep.conflicts());
    }

    @Test
    void withoutStitchingEachUserElseAnonymousIdIsAPerson() {
        IdentityResolution r = IdentityResolver.resolve(fixture().columns(), false, TaskContext.NONE);
        assertArrayEquals(new String[]{"a1", "a2", "a3", "a4", "a5", "u1", "u2", "u3"}, r.personNames());
        String[] expected = {"a1", "u1", "a2", "u1", "u2", "u3", "a3", "a4", "u2", "u1", "u2", "a5"};
        for (int row = 0; row < expected.length; row++) {
            assertEquals(expected[row], r.personNames()[r.personOfRow()[row]], "row " + row);
        }
        assertEquals(0, r.report().mergedAnonymousIds());
        assertEquals(0, r.report().conflictCount());
        assertEquals(2, r.report().multiDevicePersons()); // u1 and u2 still carry several anonymous ids
    }

    @Test
    void twoUsersSharingADeviceAreNeverMerged() {
        TestLogs logs = new TestLogs()
                .row("alice", "tablet", 100, "login")
                .row("bob", "tablet", 200, "login")
                .row(null, "tablet", 300, "page_view")
                .row(null, "phone", 50, "page_view")
                .row("bob", "phone", 400, "login");
        IdentityResolution r = IdentityResolver.resolve(logs.columns(), true, TaskContext.NONE);
        assertArrayEquals(new String[]{"alice", "bob"}, r.personNames());
        assertArrayEquals(new int[]{0, 1, 0, 1, 1}, r.personOfRow());
        assertEquals(1, r.report().conflictCount());
        assertEquals(new IdentityConflict("tablet", "alice", "bob", 200), r.report().conflicts().get(0));
    }

    @Test
    void theEarliestRowOfALinkCountsNotItsFirstRowInTheFile() {
        TestLogs logs = new TestLogs()
                .row("u0", "a", 7200, "x")   // u0 first in the file...
                .row("u0", "a", 100, "x")    // ...and earliest in time
                .row("u2", "a", 5000, "x")   // earlier than u0's first row, later than its earliest
                .row(null, "a", 9000, "x");
        IdentityResolution r = IdentityResolver.resolve(logs.columns(), true, TaskContext.NONE);
        assertEquals("u0", r.personNames()[r.personOfRow()[3]]);
        assertEquals(List.of(new IdentityConflict("a", "u0", "u2", 5000)), r.report().conflicts());
    }

    @Test
    void caseLogsWithoutAnonymousIdsGetOnePersonPerCaseInNumericOrder() {
        TestLogs logs = new TestLogs()
                .row("10", null, 1, "x").row("2", null, 2, "x").row("10", null, 3, "y").row("007", null, 0, "z");
        IdentityResolution r = IdentityResolver.resolve(logs.columns(), true, TaskContext.NONE);
        assertArrayEquals(new String[]{"2", "007", "10"}, r.personNames());
        assertArrayEquals(new int[]{2, 0, 2, 1}, r.personOfRow());
        assertEquals(0, r.report().anonymousIds());
    }

    @Test
    void rowsWithoutAnyIdShareOnePerson() {
        TestLogs logs = new TestLogs().row(null, null, 1, "x").row("u", null, 2, "x").row(null, null, 3, "x");
        IdentityResolution r = IdentityResolver.resolve(logs.columns(), true, TaskContext.NONE);
        assertArrayEquals(new String[]{IdentityResolver.NO_ID_PERSON, "u"}, r.personNames());
        assertArrayEquals(new int[]{0, 1, 0}, r.personOfRow());
    }

    @Test
    void compareNamesOrdersNumbersNumerically() {
        assertTrue(IdentityResolver.compareNames("9", "10") < 0);
        assertTrue(IdentityResolver.compareNames("10", "9") > 0);
        assertTrue(IdentityResolver.compareNames("99", "a") < 0);
        assertTrue(IdentityResolver.compareNames("b", "a") > 0);
        assertTrue(IdentityResolver.compareNames("01", "1") < 0);
    }

    @Test
    void numbersTooLongForTheSortKeyStillSortByLength() {
        String shorter = "2" + "0".repeat(255); // 256 digits
        String longer = "1" + "0".repeat(299); // 300 digits: larger, though its first digit is smaller
        String[] names = {longer, "7", shorter, "1" + "0".repeat(254)};
        // by number: 7, then the 255-, 256- and 300-digit ones
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[]{1, 3, 2, 0}, IdentityResolver.sortByName(names));
    }

    @Test
    void fastNameSortAgreesWithTheComparator() {
        java.util.Random r = new java.util.Random(11);
        String alphabet = "0123456789abuzAZ_\u00e9\u00ff\u0100\u4e2d";
        for (int round = 0; round < 200; round++) {
            String[] names = new String[1 + r.nextInt(200)];
            for (int i = 0; i < names.length; i++) {
                StringBuilder sb = new StringBuilder();
                int len = r.nextInt(12);
                boolean digits = r.nextBoolean();
                for (int k = 0; k < len; k++) {
                    sb.append(digits ? (char) ('0' + r.nextInt(r.nextInt(4) == 0 ? 1 : 10))
                            : alphabet.charAt(r.nextInt(alphabet.length())));
                }
                names[i] = r.nextInt(10) == 0 && i > 0 ? names[r.nextInt(i)] : sb.toString();
            }
            Integer[] expected = new Integer[names.length];
            for (int i = 0; i < names.length; i++) {
                expected[i] = i;
            }
            java.util.Arrays.sort(expected, (x, y) -> IdentityResolver.compareNames(names[x], names[y]));
            int[] actual = IdentityResolver.sortByName(names);
            for (int i = 0; i < names.length; i++) {
                assertEquals(expected[i], actual[i], "round " + round + " position " + i);
            }
        }
    }
}
