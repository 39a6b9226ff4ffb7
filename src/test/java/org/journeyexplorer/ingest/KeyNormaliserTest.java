package org.journeyexplorer.ingest;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The network prefix of an address, against the plain reading of the rule (split at dots, check each part). */
class KeyNormaliserTest {

    /** The IPv4 rule as written in words: four parts of one to three digits, each at most 255. */
    private static String reference(String raw) {
        String[] parts = raw.strip().split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] v = new int[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            v[i] = Integer.parseInt(p);
            if (v[i] > 255) {
                return null;
            }
        }
        return v[0] + "." + v[1] + "." + v[2] + ".0/24";
    }

    @Test
    void ipv4PrefixesFollowTheRule() {
        assertEquals("203.0.113.0/24", KeyNormaliser.ipPrefix(" 203.0.113.77 "));
        assertEquals("10.1.2.0/24", KeyNormaliser.ipPrefix("010.001.002.255"));
        assertEquals("2001:db8:1::/48", KeyNormaliser.ipPrefix("2001:db8:1:2::7"));
        for (String bad : new String[]{"", "1.2.3", "1.2.3.4.", ".1.2.3.4", "1..2.3", "1.2.3.256", "1.2.3.1234",
                "1.2.3.4.5", "a.b.c.d", "1.2.3.-4", "1,2,3,4"}) {
            assertNull(KeyNormaliser.ipPrefix(bad), bad);
        }
        // random dot-separated parts of 0-4 digits (now and then a non-ASCII digit, a letter or a sign), 3-5 parts
        Random rnd = new Random(11);
        String digits = "0123456789012345678925";
        String odd = "٣x -";
        int matched = 0;
        for (int k = 0; k < 200_000; k++) {
            StringBuilder b = new StringBuilder(rnd.nextInt(20) == 0 ? " " : "");
            int parts = 3 + rnd.nextInt(3);
            for (int i = 0; i < parts; i++) {
                if (i > 0) {
                    b.append('.');
                }
                int len = rnd.nextInt(5);
                for (int j = 0; j < len; j++) {
                    b.append(rnd.nextInt(40) == 0 ? odd.charAt(rnd.nextInt(odd.length()))
                            : digits.charAt(rnd.nextInt(digits.length())));
                }
            }
            String s = b.toString();
            String want = reference(s);
            matched += want == null ? 0 : 1;
            assertEquals(want, KeyNormaliser.ipPrefix(s), s);
        }
        assertEquals(true, matched > 1000, "the random strings must hit valid addresses too: " + matched);
    }
}
