package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code import --map email=… --phone-region} and the identity counts of {@code sessions --json}. */
class IdentityCommandsTest {

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[]{String.valueOf(code), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)};
    }

    private static Path contacts() {
        return Path.of(System.getProperty("je.test.resources", "src/test/resources"), "identity", "contacts.csv");
    }

    @Test
    void sessionsJsonCountsTheIdsJoinedByEachRule(@TempDir Path dir) throws Exception {
        String project = dir.resolve("p").toString();
        String[] imp = run("import", contacts().toString(), "--project", project, "--phone-region", "US");
        assertEquals("0", imp[0], imp[2]);
        String[] s = run("sessions", "--project", project, "--json");
        assertEquals("0", s[0], s[2]);
        JsonNode id = new ObjectMapper().readTree(s[1]).get("identity");
        // sign-in: web-1, app-1, web-9, web-10; e-mail: u7 (Ann's second account), g-2; phone: app-2
        assertEquals(4, id.get("joined_by_rule").get("sign-in").asInt());
        assertEquals(2, id.get("joined_by_rule").get("email").asInt());
        assertEquals(1, id.get("joined_by_rule").get("phone").asInt());
        assertEquals(0, id.get("joined_by_rule").get("probable").asInt());
        assertEquals(1, id.get("account_merges").asInt());
        assertEquals("email", id.get("account_merge_list").get(0).get("rule").asText());
        assertEquals(1, id.get("key_conflicts").asInt());
        assertEquals("u10", id.get("key_conflict_list").get(0).get("id").asText());
        assertEquals(5, new ObjectMapper().readTree(s[1]).get("persons").asInt());

        // without the phone region, "(415) 555-0134" has no country: the app stays apart
        String other = dir.resolve("q").toString();
        assertEquals("0", run("import", contacts().toString(), "--project", other, "--phone-region", "")[0]);
        JsonNode q = new ObjectMapper().readTree(run("sessions", "--project", other, "--json")[1]);
        assertEquals(0, q.get("identity").get("joined_by_rule").get("phone").asInt());
        assertEquals(6, q.get("persons").asInt());
    }

    @Test
    void anUnknownMapRoleOrRegionIsOneLine(@TempDir Path dir) {
        String[] bad = run("import", contacts().toString(), "--project", dir.resolve("p").toString(),
                "--map", "mail=email");
        assertEquals("2", bad[0]);
        assertTrue(bad[2].startsWith("--map takes role=column with role one of"), bad[2]);
        String[] region = run("import", contacts().toString(), "--project", dir.resolve("p").toString(),
                "--phone-region", "Atlantis");
        assertEquals("2", region[0]);
        assertTrue(region[2].contains("not a region with phone numbers"), region[2]);
    }
}
