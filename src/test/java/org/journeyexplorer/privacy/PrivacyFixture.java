package org.journeyexplorer.privacy;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.project.ImportOptions;
import org.journeyexplorer.project.ImportService;
import org.journeyexplorer.store.ProjectStore;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Inflater;

/**
 * A small product log with four persons, written by hand so every count below is known:
 * <ul>
 *   <li>kim ({@code user-kim-0815}) on two devices: {@code anon-zz-4711} (2 anonymous events, then signup with
 *       the user id) and {@code anon-zz-4712} (login, then 1 anonymous event), plus a purchase without device:
 *       6 events in 3 sessions; 2 rejected rows (bad time) show kim's ids;</li>
 *   <li>lee ({@code user-lee-2001}, device {@code anon-aa-1000}): 3 events, 1 rejected row;</li>
 *   <li>an anonymous visitor {@code anon-bb-2002}: 2 events;</li>
 *   <li>max ({@code user-max-3003}): 2 events, the first on kim's phone {@code anon-zz-4712} days after kim used
 *       it, so the phone stays kim's.</li>
 * </ul>
 * 13 events, 3 rejected rows.
 */
public final class PrivacyFixture {
    public static final String KIM = "user-kim-0815";
    public static final String KIM_LAPTOP = "anon-zz-4711";
    public static final String KIM_PHONE = "anon-zz-4712";
    public static final List<String> KIM_IDS = List.of(KIM, KIM_LAPTOP, KIM_PHONE);

    static final String CSV = """
            user_id,anonymous_id,timestamp,event,page
            ,anon-zz-4711,2024-01-01T10:00:00Z,page_view,home
            ,anon-zz-4711,2024-01-01T10:01:00Z,signup_start,signup
            user-kim-0815,anon-zz-4711,2024-01-01T10:02:00Z,signup_done,signup
            ,anon-aa-1000,2024-01-01T11:00:00Z,page_view,home
            user-lee-2001,anon-aa-1000,2024-01-01T11:03:00Z,login,home
            user-kim-0815,anon-zz-4711,not-a-time,page_view,home
            user-lee-2001,anon-aa-1000,2024-01-01T11:10:00Z,purchase,checkout
            ,anon-bb-2002,2024-01-01T12:00:00Z,page_view,home
            ,anon-bb-2002,2024-01-01T12:01:00Z,page_view,pricing
            user-kim-0815,anon-zz-4712,2024-01-02T09:00:00Z,login,app
            ,anon-zz-4712,2024-01-02T09:05:00Z,page_view,app
            user-lee-2001,,soon,login,home
            user-kim-0815,,2024-01-03T12:00:00Z,purchase,checkout
            user-max-3003,anon-zz-4712,2024-01-05T08:00:00Z,login,app
            user-kim-0815,anon-zz-4712,later,logout,app
            user-max-3003,,2024-01-05T08:10:00Z,logout,app
            """;

    private PrivacyFixture() {
    }

    /** A project with the log imported (pseudonymised or not); returns it open. */
    public static ProjectStore project(Path dir, String name, boolean pseudonymise) throws Exception {
        Path csv = Files.writeString(dir.resolve(name + ".csv"), CSV);
        ProjectStore store = ProjectStore.create(dir.resolve(name));
        new ImportService(store).importFile(Ingest.inspect(csv, ZoneOffset.UTC),
                ImportOptions.DEFAULT.withPseudonymise(pseudonymise), TaskContext.NONE);
        return store;
    }

    /** Whether the file's bytes contain the text (ASCII). */
    static boolean fileContains(Path f, String text) throws Exception {
        return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(text);
    }

    /**
     * A naive search of the closed project, independent of the code under test: every column of every table
     * listed by INFORMATION_SCHEMA, read as text (binary values as bytes, and also inflated when they inflate),
     * searched for each text as a plain substring. Returns "table.column: text" per hit.
     */
    static List<String> naiveSearch(Path projectFile, List<String> texts) throws Exception {
        String f = projectFile.toString();
        String url = "jdbc:h2:file:" + f.substring(0, f.length() - ".mv.db".length()) + ";IFEXISTS=TRUE";
        List<String> hits = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            List<String[]> cols = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                while (rs.next()) {
                    cols.add(new String[]{rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] col : cols) {
                try (ResultSet rs = s.executeQuery("SELECT \"" + col[1] + "\" FROM \"" + col[0] + "\"")) {
                    while (rs.next()) {
                        Object v = rs.getObject(1);
                        String text;
                        if (v instanceof java.sql.Blob b) {
                            text = asText(b.getBytes(1, (int) b.length()));
                        } else if (v instanceof byte[] b) {
                            text = asText(b);
                        } else {
                            text = v == null ? "" : v.toString();
                        }
                        for (String t : texts) {
                            if (text.contains(t)) {
                                hits.add(col[0] + "." + col[1] + ": " + t);
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }

    /** The values of one column of the closed project, as bytes (tests look for old values in the file). */
    static List<byte[]> columnBytes(Path projectFile, String table, String column) throws Exception {
        String f = projectFile.toString();
        String url = "jdbc:h2:file:" + f.substring(0, f.length() - ".mv.db".length()) + ";IFEXISTS=TRUE";
        List<byte[]> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM " + table)) {
            while (rs.next()) {
                out.add(rs.getBytes(1));
            }
        }
        return out;
    }

    /** Whether the file's bytes contain the given bytes. */
    static boolean fileContains(Path f, byte[] needle) throws Exception {
        return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
                .contains(new String(needle, StandardCharsets.ISO_8859_1));
    }

    private static String asText(byte[] b) {
        StringBuilder sb = new StringBuilder(new String(b, StandardCharsets.UTF_8));
        if (b.length > 1) {
            Inflater inf = new Inflater(true);
            try {
                inf.setInput(b, 1, b.length - 1);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                while (!inf.finished()) {
                    int k = inf.inflate(buf);
                    if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                        break;
                    }
                    out.write(buf, 0, k);
                }
                sb.append('\n').append(out.toString(StandardCharsets.UTF_8));
            } catch (java.util.zip.DataFormatException notDeflated) {
                // raw primitives: the plain bytes above are all there is
            } finally {
                inf.end();
            }
        }
        return sb.toString();
    }
}
