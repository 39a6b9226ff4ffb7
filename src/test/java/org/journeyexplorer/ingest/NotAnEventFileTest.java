package org.journeyexplorer.ingest;

import org.journeyexplorer.core.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files that are not event files fail in {@link Ingest#inspect} with one clear message each. */
class NotAnEventFileTest {
    @TempDir
    Path dir;

    private static final String FORMATS =
            "Journey Explorer reads CSV/TSV, JSON Lines, JSON and XES, optionally gzip-compressed.";

    private String failure(Path f) {
        return assertThrows(UserFacingException.class, () -> Ingest.inspect(f, ZoneOffset.UTC)).getMessage();
    }

    private static byte[] png() {
        byte[] b = new byte[4000];
        new Random(1).nextBytes(b);
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(sig, 0, b, 0, sig.length);
        return b;
    }

    @Test
    void binary() throws Exception {
        assertEquals("photo.png does not look like an event file: it is binary data. " + FORMATS,
                failure(Fixtures.write(dir, "photo.png", png())));
    }

    @Test
    void binaryInsideGzip() throws Exception {
        assertEquals("photo.csv.gz does not look like an event file: it is binary data (inside the gzip "
                + "compression). " + FORMATS, failure(Fixtures.write(dir, "photo.csv.gz", Fixtures.gzip(png()))));
    }

    @Test
    void empty() throws Exception {
        assertEquals("empty.csv is empty. " + FORMATS, failure(Fixtures.write(dir, "empty.csv", "")));
        assertEquals("blank.csv does not look like an event file: it holds only blank lines. " + FORMATS,
                failure(Fixtures.write(dir, "blank.csv", "\n\n  \r\n")));
        assertEquals("empty.csv.gz is empty (inside the gzip compression). " + FORMATS,
                failure(Fixtures.write(dir, "empty.csv.gz", Fixtures.gzip(""))));
    }

    @Test
    void headerOnly() throws Exception {
        assertEquals("head.csv does not look like an event file: it has a header but no rows. " + FORMATS,
                failure(Fixtures.write(dir, "head.csv", "user_id,event,timestamp\n")));
    }

    @Test
    void noHeader() throws Exception {
        String msg = failure(Fixtures.write(dir, "nohead.csv",
                "u1,click,2020-01-01 00:00:00\nu2,view,2020-01-01 00:00:01\n"));
        assertEquals("nohead.csv does not look like an event file: its first line holds data ('2020-01-01 00:00:00'),"
                + " not a header with column names. Add a header line such as user_id,event,timestamp.", msg);
    }

    @Test
    void notSplitIntoColumns() throws Exception {
        String msg = failure(Fixtures.write(dir, "notes.txt", "Dear diary\nToday nothing happened\n"));
        assertTrue(msg.startsWith("notes.txt does not look like an event file: its lines are not split into columns"),
                msg);
    }

    @Test
    void noUsableColumns() throws Exception {
        assertEquals("prices.csv does not look like an event file: no column holds readable timestamps "
                        + "(found: product, price, currency).",
                failure(Fixtures.write(dir, "prices.csv", "product,price,currency\napple,1.20,EUR\npear,0.90,EUR\n")));
        String noEvent = failure(Fixtures.write(dir, "logins.csv",
                "user_id,timestamp\nu1,2020-01-01 00:00:00\n"));
        assertTrue(noEvent.startsWith("logins.csv does not look like an event file: no column names the event"),
                noEvent);
        String noId = failure(Fixtures.write(dir, "anon.csv", "event,timestamp\nclick,2020-01-01 00:00:00\n"));
        assertTrue(noId.startsWith("anon.csv does not look like an event file: no column identifies the person"),
                noId);
    }

    @Test
    void unrecognisedColumnNamesAreLeftForThePersonToMap() throws Exception {
        Path file = Fixtures.write(dir, "plain.csv", "who,what,when\nann,login,2020-01-01 10:00:00\n"
                + "ann,search,2020-01-01 10:01:00\nbob,login,2020-01-02 09:00:00\n");
        ImportPlan plan = Ingest.inspect(file, java.time.ZoneOffset.UTC);
        assertEquals("when", plan.mapping().time());
        assertNull(plan.mapping().event());
        assertNull(plan.mapping().person());
        // importing before the roles are chosen says what to do
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> Ingest.read(plan, new CollectingSink(), org.journeyexplorer.core.TaskContext.NONE));
        assertEquals("Choose the column that holds the event name before importing plain.csv.", e.getMessage());
        CollectingSink sink = new CollectingSink();
        Ingest.read(plan.withMapping(plan.mapping().withEvent("what").withPerson("who")), sink,
                org.journeyexplorer.core.TaskContext.NONE);
        assertEquals(3, sink.events.size());
        assertEquals("bob", sink.events.get(2).personId());
        assertEquals("login", sink.events.get(2).eventName());
    }

    @Test
    void excelWorkbookAndUtf16() throws Exception {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0};
        assertTrue(failure(Fixtures.write(dir, "book.xlsx", zip)).contains("ZIP archive"));
        byte[] utf16 = "\uFEFFuser_id,event,timestamp\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        assertTrue(failure(Fixtures.write(dir, "u16.csv", utf16)).startsWith("u16.csv is UTF-16 text"));
    }

    @Test
    void missingFileAndFolder() {
        assertTrue(failure(dir.resolve("nope.csv")).contains("does not exist"));
        assertTrue(failure(dir).contains("is a folder"));
    }

    @Test
    void idColumnsEmptyInEveryRow() throws Exception {
        assertEquals("ids.csv does not look like an event file: user_id and anonymous_id are empty in the first 2"
                        + " rows, so nothing says whose events they are.",
                failure(Fixtures.write(dir, "ids.csv", "user_id,anonymous_id,event,timestamp\n"
                        + ",,view,2020-01-01T00:00:00Z\n,NULL,view,2020-01-01T00:00:00Z\n")));
    }
}
