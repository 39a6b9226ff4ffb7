package org.journeyexplorer.demo;

import org.journeyexplorer.domain.EventColumns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoGeneratorTest {

    private static List<String[]> readCsv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            assertEquals(DemoGenerator.CSV_HEADER, r.readLine());
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                rows.add(line.split(",", -1));
            }
        }
        return rows;
    }

    @Test
    void csvAndColumnsCarryTheSameEventsAndAreDeterministic(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.csv.gz");
        Path b = dir.resolve("b.csv.gz");
        DemoGenerator.writeCsv(a, 20_000, 5);
        DemoGenerator.writeCsv(b, 20_000, 5);
        List<String[]> rows = readCsv(a);
        List<String[]> again = readCsv(b);
        assertEquals(20_000, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertArrayEquals(rows.get(i), again.get(i));
        }
        EventColumns c = DemoGenerator.generateColumns(20_000, 5);
        assertEquals(20_000, c.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            assertEquals(11, row.length);
            assertEquals(Instant.parse(row[0]).toEpochMilli() * 1000, c.timeMicros()[i], "row " + i);
            assertEquals(row[1], c.identities()[c.anonymous().get(i)]);
            assertEquals(row[2], c.user().get(i) < 0 ? "" : c.identities()[c.user().get(i)]);
            assertEquals(row[3], c.eventTypes()[c.eventType()[i]]);
            assertEquals(row[3].equals("purchase"), !row[6].isEmpty());
            assertTrue(c.identityIsAnonymous()[c.anonymous().get(i)]);
            // identity columns: keys exactly where the CSV has values, the same key for the same device and network
            assertEquals(row[7].isEmpty(), c.keys().email().get(i) < 0, "row " + i);
            assertEquals(row[8].isEmpty(), c.keys().phone().get(i) < 0, "row " + i);
            assertTrue(c.keys().device().get(i) >= 0 && c.keys().network().get(i) >= 0);
            String net = row[10].substring(0, row[10].lastIndexOf('.'));
            assertTrue(c.keys().values()[c.keys().network().get(i)].endsWith(net + ".0"), row[10]);
        }
        assertTrue(!rows.get(0)[0].equals(readCsv(writeOther(dir)).get(0)[0]), "another seed gives other data");
    }

    private static Path writeOther(Path dir) throws IOException {
        Path p = dir.resolve("c.csv.gz");
        DemoGenerator.writeCsv(p, 100, 6);
        return p;
    }

    @Test
    void journeysHaveSecondOrderStructureAndRealisticIdentities() {
        EventColumns c = DemoGenerator.generateColumns(200_000, 42);
        String[] names = c.eventTypes();
        Set<String> used = new HashSet<>();
        // P(add_to_cart | x, view_item) for x = search vs view_promotion, counted per anonymous id in row order
        Map<Integer, int[]> lastTwo = new HashMap<>();
        long[] afterSearch = new long[2];
        long[] afterPromo = new long[2];
        Set<Integer> usersOfAnon = new HashSet<>();
        Map<Integer, Set<Integer>> anonsOfUser = new HashMap<>();
        Map<Integer, Set<Integer>> usersOfAnonMap = new HashMap<>();
        for (int i = 0; i < c.size(); i++) {
            String t = names[c.eventType()[i]];
            used.add(t);
            int[] h = lastTwo.computeIfAbsent(c.anonymous().get(i), k -> new int[]{-1, -1});
            if (h[1] >= 0 && names[h[1]].equals("view_item") && h[0] >= 0) {
                long[] bucket = names[h[0]].equals("search") ? afterSearch
                        : names[h[0]].equals("view_promotion") ? afterPromo : null;
                if (bucket != null) {
                    bucket[0]++;
                    if (t.equals("add_to_cart")) {
                        bucket[1]++;
                    }
                }
            }
            h[0] = h[1];
            h[1] = c.eventType()[i];
            if (c.user().get(i) >= 0) {
                usersOfAnon.add(c.user().get(i));
                anonsOfUser.computeIfAbsent(c.user().get(i), k -> new HashSet<>()).add(c.anonymous().get(i));
                usersOfAnonMap.computeIfAbsent(c.anonymous().get(i), k -> new HashSet<>()).add(c.user().get(i));
            }
        }
        assertTrue(used.size() >= 20, "event types used: " + used.size());
        double pSearch = (double) afterSearch[1] / afterSearch[0];
        double pPromo = (double) afterPromo[1] / afterPromo[0];
        assertTrue(afterSearch[0] > 1000 && afterPromo[0] > 300, afterSearch[0] + " / " + afterPromo[0]);
        assertTrue(pSearch > 2.5 * pPromo, "search→view_item→add_to_cart " + pSearch + " vs promotion " + pPromo);
        long multiDeviceUsers = anonsOfUser.values().stream().filter(s -> s.size() >= 2).count();
        long sharedDevices = usersOfAnonMap.values().stream().filter(s -> s.size() >= 2).count();
        assertTrue(multiDeviceUsers > 100, "users on several devices: " + multiDeviceUsers);
        assertTrue(sharedDevices > 0, "devices shared by two users: " + sharedDevices);
        long days = (c.timeMicros()[0] / 86_400_000_000L);
        assertTrue(days >= DemoGenerator.FIRST_DAY.toEpochDay());
        for (int i = 0; i < c.size(); i++) {
            long day = c.timeMicros()[i] / 86_400_000_000L;
            assertTrue(day >= DemoGenerator.FIRST_DAY.toEpochDay()
                    && day < DemoGenerator.FIRST_DAY.toEpochDay() + DemoGenerator.DAYS + 2, "day " + day);
        }
    }

    @Test
    void anonymousIdsAreDistinct() {
        Set<String> seen = new HashSet<>();
        for (int d = 0; d < 300_000; d++) {
            assertTrue(seen.add(DemoGenerator.anonymousId(d)));
        }
    }
}
