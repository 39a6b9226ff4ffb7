package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code import --map email=… --phone-region}, the identity counts of {@code sessions --json}, and {@code identity},
 * which saves the project's identity rules as the app does.
 */
class IdentityCommandsTest {

    private static Path contacts() {
        return Path.of(System.getProperty("je.test.resources", "src/test/resources"), "identity", "contacts.csv");
    }

    @Test
    void sessionsJsonCountsTheIdsJoinedByEachRule(@TempDir Path dir) throws Exception {
        String project = dir.resolve("p").toString();
        CliRun imp = CliRun.of("import", contacts().toString(), "--project", project, "--phone-region", "US");
        assertEquals(0, imp.code(), imp.err());
        CliRun s = CliRun.of("sessions", "--project", project, "--json");
        assertEquals(0, s.code(), s.err());
        JsonNode id = s.json().get("identity");
        // sign-in: web-1, app-1, web-9, web-10; e-mail: u7 (Ann's second account), g-2; phone: app-2
        assertEquals(4, id.get("joined_by_rule").get("sign-in").asInt());
        assertEquals(2, id.get("joined_by_rule").get("email").asInt());
        assertEquals(1, id.get("joined_by_rule").get("phone").asInt());
        assertEquals(0, id.get("joined_by_rule").get("probable").asInt());
        assertEquals(1, id.get("account_merges").asInt());
        assertEquals("email", id.get("account_merge_list").get(0).get("rule").asText());
        assertEquals(1, id.get("key_conflicts").asInt());
        assertEquals("u10", id.get("key_conflict_list").get(0).get("id").asText());
        assertEquals(5, s.json().get("persons").asInt());

        // without the phone region, "(415) 555-0134" has no country: the app stays apart
        String other = dir.resolve("q").toString();
        assertEquals(0, CliRun.of("import", contacts().toString(), "--project", other, "--phone-region", "").code());
        JsonNode q = CliRun.of("sessions", "--project", other, "--json").json();
        assertEquals(0, q.get("identity").get("joined_by_rule").get("phone").asInt());
        assertEquals(6, q.get("persons").asInt());
    }

    @Test
    void anUnknownMapRoleOrRegionIsOneLine(@TempDir Path dir) {
        CliRun bad = CliRun.of("import", contacts().toString(), "--project", dir.resolve("p").toString(),
                "--map", "mail=email");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("--map takes role=column with role one of"), bad.err());
        CliRun region = CliRun.of("import", contacts().toString(), "--project", dir.resolve("p").toString(),
                "--phone-region", "Atlantis");
        assertEquals(2, region.code());
        assertTrue(region.err().contains("not a region with phone numbers"), region.err());
    }

    @Test
    void identitySavesTheProjectsRulesAndEveryCommandFollowsThem(@TempDir Path dir) throws Exception {
        String project = dir.resolve("p").toString();
        assertEquals(0, CliRun.of("import", contacts().toString(), "--project", project,
                "--phone-region", "US").code());
        JsonNode shown = CliRun.of("identity", "--project", project, "--json").json();
        assertFalse(shown.get("saved").asBoolean());
        assertTrue(shown.get("settings").get("email_joins_accounts").asBoolean());
        assertFalse(shown.get("settings").get("phone_joins_accounts").asBoolean());
        assertFalse(shown.get("settings").get("probabilistic").asBoolean());
        assertEquals(5, shown.get("persons").asInt());

        // Bob (u9) and Cy (u10) share a household phone: joined once a phone may join accounts
        CliRun on = CliRun.of("identity", "--project", project, "--phone-joins", "on", "--json");
        assertEquals(0, on.code(), on.err());
        JsonNode saved = on.json();
        assertTrue(saved.get("saved").asBoolean());
        assertEquals(4, saved.get("persons").asInt());
        assertEquals(2, saved.get("identity").get("account_merges").asInt());
        assertEquals(4, CliRun.of("sessions", "--project", project, "--json").json().get("persons").asInt());
        // the app reads the same rules from the project
        try (org.journeyexplorer.project.ProjectSession s = org.journeyexplorer.project.ProjectSession.open(dir.resolve("p"))) {
            assertTrue(s.identitySettings().phoneJoinsAccounts());
        }

        // unlinking Ann's second account leaves it a person of its own; linking it again undoes that
        JsonNode unlinked = CliRun.of("identity", "--project", project, "--unlink", "u7", "--json").json();
        assertEquals(5, unlinked.get("persons").asInt());
        assertEquals(1, unlinked.get("identity").get("unlinked_ids").asInt());
        assertEquals("[\"u7\"]", unlinked.get("settings").get("unlinked").toString());
        assertEquals(5, CliRun.of("sessions", "--project", project, "--json").json().get("persons").asInt());
        assertEquals(4, CliRun.of("identity", "--project", project, "--link", "u7", "--json").json()
                .get("persons").asInt());

        // probable links saved on; sessions can still leave them out for one run, and the rules stay saved
        CliRun prob = CliRun.of("identity", "--project", project, "--probabilistic", "--threshold", "0.5",
                "--window", "30d");
        assertEquals(0, prob.code(), prob.err());
        assertTrue(prob.out().contains("probabilistic: true") && prob.out().contains("threshold: 0.5")
                && prob.out().contains("window_minutes: 43200"), prob.out());
        assertTrue(prob.out().contains("ids joined: "), prob.out());
        JsonNode off = CliRun.of("sessions", "--project", project, "--no-probabilistic", "--json").json();
        assertEquals(0, off.get("identity").get("probable_links").asInt());
        assertTrue(CliRun.of("identity", "--project", project, "--json").json().get("settings")
                .get("probabilistic").asBoolean());
    }

    @Test
    void aLaterImportNormalisesKeysAsTheProjectsLastImportDid(@TempDir Path dir) throws Exception {
        String project = dir.resolve("p").toString();
        assertEquals(0, CliRun.of("import", contacts().toString(), "--project", project,
                "--phone-region", "US").code());
        // the second file's local number only matches Ann's app (+1 415 555 0134) when read in region US again
        Path more = java.nio.file.Files.writeString(dir.resolve("more.csv"), """
                timestamp,user_id,anonymous_id,event,email,phone
                2025-03-09T10:00:00Z,,app-3,login,,415-555-0134
                """);
        CliRun imp = CliRun.of("import", more.toString(), "--project", project, "--json");
        assertEquals(0, imp.code(), imp.err());
        JsonNode s = CliRun.of("sessions", "--project", project, "--json").json();
        assertEquals(5, s.get("persons").asInt(), "app-3 joins Ann by her phone");
        assertEquals(2, s.get("identity").get("joined_by_rule").get("phone").asInt());
    }
}
