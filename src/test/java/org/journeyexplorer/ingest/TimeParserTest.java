package org.journeyexplorer.ingest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;

import static org.journeyexplorer.ingest.RealLogsTest.micros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeParserTest {
    private final TimeParser utc = new TimeParser(ZoneOffset.UTC);

    @Test
    void fixedIsoSecondsReadAsTheGeneralPathReadsThem() {
        // yyyy-MM-ddTHH:mm:ssZ from bytes has a fixed-place reader of its own; the general reader (reached here with
        // a leading space, which only it trims) is the reference, java.time a second one for valid values
        java.util.Random r = new java.util.Random(16);
        String digitsAndMore = "0123456789:/-TZz +.a";
        int valid = 0;
        for (int i = 0; i < 200_000; i++) {
            char[] c = String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", r.nextInt(3000), r.nextInt(14), r.nextInt(33),
                    r.nextInt(26), r.nextInt(61), r.nextInt(61)).toCharArray();
            if (c.length != 20) {
                continue;
            }
            if (r.nextInt(4) == 0) {
                c[r.nextInt(20)] = digitsAndMore.charAt(r.nextInt(digitsAndMore.length()));
            }
            String s = new String(c);
            byte[] b = ("##" + s).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            long fromBytes = utc.parse(b, 2, 20);
            assertEquals(utc.parse(" " + s), fromBytes, s);
            if (fromBytes != TimeParser.INVALID && s.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")
                    && !s.contains("T24:")) {
                assertEquals(micros(s), fromBytes, s);
                valid++;
            }
        }
        assertTrue(valid > 50_000, valid + " valid values");
        byte[] leap = "2024-02-29T23:59:59Z2023-02-29T00:00:00Z2024-12-31T24:00:00Z".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(micros("2024-02-29T23:59:59Z"), utc.parse(leap, 0, 20));
        assertEquals(TimeParser.INVALID, utc.parse(leap, 20, 20));
        assertEquals(micros("2025-01-01T00:00:00Z"), utc.parse(leap, 40, 20));
    }

    @Test
    void timeOrderedRowsRepeatingTheirDateReadAsTheGeneralPathReadsThem() {
        // the fixed-place reader remembers the date it read last and then reads only the time of day: runs of one
        // date (valid, impossible, leap and not) with good and broken times, read in one parser as a log is
        java.util.Random r = new java.util.Random(1616);
        String[] dates = {"2025-09-01", "2025-09-01", "2025-09-02", "2024-02-29", "2023-02-29", "2023-02-29",
                "2025-13-01", "1969-12-31", "2025-09-0x", "0000-01-01", "2025-09-02"};
        String junk = "0123456789:/-TZz +.a";
        int checked = 0;
        for (String date : dates) {
            for (int i = 0; i < 2_000; i++) {
                char[] c = String.format("%sT%02d:%02d:%02dZ", date, r.nextInt(25), r.nextInt(61), r.nextInt(61))
                        .toCharArray();
                if (r.nextInt(5) == 0) {
                    c[10 + r.nextInt(10)] = junk.charAt(r.nextInt(junk.length()));
                }
                String s = new String(c);
                int at = r.nextInt(3);
                byte[] b = ("##".substring(0, at) + s + "##").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                assertEquals(utc.parse(" " + s), utc.parse(b, at, 20), s);
                checked++;
            }
        }
        assertEquals(22_000, checked);
        byte[] run = "2025-09-01T23:59:59Z2025-09-01T00:00:00Z2025-09-01T24:00:00Z2025-09-01T12:00:00z".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(micros("2025-09-01T23:59:59Z"), utc.parse(run, 0, 20));
        assertEquals(micros("2025-09-01T00:00:00Z"), utc.parse(run, 20, 20));
        assertEquals(micros("2025-09-02T00:00:00Z"), utc.parse(run, 40, 20), "24:00 is read by the general path");
        assertEquals(utc.parse(" 2025-09-01T12:00:00z"), utc.parse(run, 60, 20));
    }

    @Test
    void commonShapes() {
        assertEquals(micros("2011-10-11T11:45:40.276Z"), utc.parse("2011-10-11 13:45:40.276000+02:00"));
        assertEquals(micros("2011-11-24T14:36:51.302Z"), utc.parse("2011-11-24 15:36:51.302000+01:00"));
        assertEquals(micros("2020-01-02T03:04:05Z"), utc.parse("2020-01-02T03:04:05Z"));
        assertEquals(micros("2020-01-02T03:04:05.123456Z"), utc.parse("2020-01-02T03:04:05.123456789Z"));
        assertEquals(micros("2020-01-01T22:04:05Z"), utc.parse("2020-01-02T03:34:05+0530"));
        assertEquals(micros("2020-01-02T06:04:05Z"), utc.parse("2020-01-02T03:04:05-03"));
        assertEquals(micros("2020-01-02T03:04:05Z"), utc.parse("2020/01/02 03:04:05"));
        assertEquals(micros("2020-01-02T03:04:00Z"), utc.parse("2020-01-02 03:04"));
        assertEquals(micros("2020-01-02T00:00:00Z"), utc.parse("2020-01-02"));
        assertEquals(micros("2020-01-02T00:00:00Z"), utc.parse("20200102"));
        assertEquals(micros("2020-04-03T00:00:00Z"), utc.parse("03.04.2020"), "dotted dates are day first");
        assertEquals(micros("2020-03-04T00:00:00Z"), utc.parse("03/04/2020"), "ambiguous slashes month first");
        assertEquals(micros("2020-04-03T00:00:00Z"), new TimeParser(ZoneOffset.UTC, true).parse("03/04/2020"));
        assertEquals(micros("2020-04-13T10:00:00Z"), utc.parse("13/04/2020 10:00"), "13 cannot be a month");
        assertEquals(micros("2020-01-02T03:04:05Z"), utc.parse("  2020-01-02 03:04:05 UTC "));
        assertEquals(micros("2015-10-21T07:28:00Z"), utc.parse("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertEquals(micros("2020-01-02T03:04:05Z"), utc.parse("2020-01-02T03:04:05+01:00[Europe/Paris]") + 3_600_000_000L);
        // a second value in a fallback format, after the parser learned which formatter fits
        assertEquals(micros("2015-10-22T07:28:00Z"), utc.parse("Thu, 22 Oct 2015 07:28:00 GMT"));
        assertEquals(-1_000_000L, utc.parse("-1"));
        assertEquals(micros("2020-01-02T15:04:05Z"), utc.parse("1/2/2020 3:04:05 PM"));
        assertEquals(micros("2020-01-02T00:30:00Z"), utc.parse("2020-01-02 12:30 am"));
        assertEquals(micros("2020-01-02T12:30:00Z"), utc.parse("2020-01-02 12:30 PM"));
        assertEquals(TimeParser.INVALID, utc.parse("2020-01-02 13:30 PM"));
        assertEquals("MM/dd/yyyy hh:mm:ss a (no zone → UTC)", utc.describe("1/2/2020 3:04:05 PM"));
    }

    @Test
    void unreadableValues() {
        for (String bad : new String[]{"2012-13-45", "2012-02-30", "2021-02-29", "2020-01-01 25:00:00",
                "2020-01-01 10:61", "abc", "", "  ", "2020-01-01T10:00:00+25:00", "12:30", "2020-1", "1.2.3"}) {
            assertEquals(TimeParser.INVALID, utc.parse(bad), bad);
        }
        assertEquals(micros("2020-02-29T00:00:00Z"), utc.parse("2020-02-29"));
    }

    @Test
    void describesShapes() {
        assertEquals("yyyy-MM-dd HH:mm:ss.SSSSSS±HH:MM", utc.describe("2011-10-11 13:45:40.276000+02:00"));
        assertEquals("yyyy-MM-dd'T'HH:mm:ss.SSSZ", utc.describe("2020-01-01T00:00:00.000Z"));
        assertEquals("yyyy-MM-dd HH:mm:ss (no zone → UTC)", utc.describe("2012-04-03 16:55:38"));
        assertEquals("epoch milliseconds", utc.describe("1600000000123"));
        assertEquals(null, utc.describe("2012-13-45"));
    }

    /** Randomized comparison with java.time as the naive reference, in a zone with daylight saving. */
    @Test
    void agreesWithJavaTime() {
        ZoneId zone = ZoneId.of("America/New_York");
        TimeParser p = new TimeParser(zone);
        Random rnd = new Random(3);
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
        for (int i = 0; i < 20_000; i++) {
            long sec = -2_000_000_000L + (long) (rnd.nextDouble() * 6_000_000_000L);
            LocalDateTime ldt = LocalDateTime.ofEpochSecond(sec, rnd.nextInt(1_000_000) * 1000, ZoneOffset.UTC);
            String noZone = local.format(ldt);
            Instant expected = ldt.atZone(zone).toInstant();
            assertEquals(ChronoUnit.MICROS.between(Instant.EPOCH, expected), p.parse(noZone), noZone);
            ZoneOffset off = ZoneOffset.ofTotalSeconds((rnd.nextInt(49) - 24) * 1800);
            String withOffset = OffsetDateTime.of(ldt, off).toString();
            assertEquals(ChronoUnit.MICROS.between(Instant.EPOCH, OffsetDateTime.of(ldt, off).toInstant()),
                    p.parse(withOffset), withOffset);
            byte[] b = withOffset.getBytes();
            assertEquals(p.parse(withOffset), p.parse(b, 0, b.length));
        }
    }

    /** The branch-free month lengths and leap years against java.time, on every day of four centuries and more. */
    @Test
    void everyDayFrom1599To2401MatchesJavaTime() {
        TimeParser utc = new TimeParser(java.time.ZoneOffset.UTC);
        for (java.time.LocalDate d = java.time.LocalDate.of(1599, 1, 1); d.getYear() <= 2401; d = d.plusDays(1)) {
            assertEquals(d.toEpochDay(), TimeParser.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()),
                    d.toString());
        }
        for (int y = 1899; y <= 2201; y++) {
            for (int m = 1; m <= 12; m++) {
                int days = java.time.YearMonth.of(y, m).lengthOfMonth();
                String last = String.format("%04d-%02d-%02d", y, m, days);
                assertEquals(java.time.LocalDate.parse(last).toEpochDay() * 86_400_000_000L, utc.parse(last), last);
                assertEquals(TimeParser.INVALID, utc.parse(String.format("%04d-%02d-%02d", y, m, days + 1)));
            }
        }
    }
}
