package org.journeyexplorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FrameFixture;
import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.project.ImportService;
import org.journeyexplorer.store.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowCommandsTest {
    // s0 = a b c, s1 = a c, s2 = b a b d, s3 = a b c d, s4 = c d, s5 = a a b (see FlowsTest for the hand counts)
    static final EventFrame FRAME = FrameFixture.frame(
            "p1: a b c | a c", "p2: b a b d", "p3: a b@10 c@12 d", "p4: c d", "p5: a a b");
    static final ChartCaption CAPTION = new ChartCaption("", "demo", "", ChartCaption.ALL_DATES);

    @Test
    void flowsCsvOfNodesAndLinks() {
        String csv = FlowCommands.flows(FRAME, CAPTION, "--start", "a", "--steps", "2", "--top", "1", "--csv");
        assertEquals("""
                # Flows starting at a · 2 steps · top 1 · sessions
                # Project: demo
                # Dates: all dates
                # Filters: none
                kind,step,node,label,count,percent_of_start,dropoff,continuing,repeats,from_node,from_label,to_node,to_label,median_seconds,members
                node,0,0,a,5,100.00,0,0,0,,,,,,
                node,1,1,b,3,60.00,0,0,0,,,,,,
                node,1,2,Other,2,40.00,1,0,1,,,,,,a:1;c:1
                node,2,3,c,2,40.00,1,1,0,,,,,,
                node,2,4,Other,2,40.00,2,0,0,,,,,,b:1;d:1
                link,1,,,3,60.00,,,,0,a,1,b,60.000,
                link,1,,,2,40.00,,,,0,a,2,Other,60.000,
                link,2,,,2,40.00,,,,1,b,3,c,60.000,
                link,2,,,1,20.00,,,,1,b,4,Other,60.000,
                link,2,,,1,20.00,,,,2,Other,4,Other,60.000,
                """.replace("\n", "\r\n"), csv);
    }

    @Test
    void backwardStepsAreNegative() {
        String csv = FlowCommands.flows(FRAME, CAPTION, "--end", "d", "--steps", "1");
        // s2, s3, s4 reach d; before d: b (s2), c (s3, s4)
        assertTrue(csv.contains("\nnode,0,"), csv);
        assertTrue(csv.contains("\nnode,-1,0,c,2,66.67,1,1,0,"), csv); // s4 begins at c; s3 has b before c
        assertTrue(csv.contains("\nnode,-1,1,b,1,33.33,0,1,0,"), csv);
    }

    @Test
    void funnelJsonAndText() throws Exception {
        String json = FlowCommands.funnel(FRAME, "--steps", "a,b,c", "--window", "5m", "--json");
        JsonNode n = new ObjectMapper().readTree(json);
        // hand counts from FunnelsTest: a 5, b 3, c 1; converted s0 in 2 minutes
        assertEquals(5, n.get("entered").asInt());
        assertEquals(1, n.get("converted").asInt());
        assertEquals(3, n.get("funnel").get(1).get("count").asInt());
        assertEquals(300.0, n.get("window_seconds").asDouble());
        assertEquals(120.0, n.get("time_to_convert").get("median_seconds").asDouble());
        assertEquals("b", n.get("funnel").get(0).get("dropoff_next").get(0).get("event").asText());
        String text = FlowCommands.funnel(FRAME, "--steps", "a,b,c", "--window", "5m");
        assertTrue(text.contains("converted 1 of 5 (20.0%); time to convert: median 2 min, p25 2 min"), text);
    }

    @Test
    void unknownEventsAreReportedWithTheKnownOnes() {
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> FlowCommands.flows(FRAME, CAPTION, "--start", "zz", "--steps", "2"));
        assertTrue(e.getMessage().contains("Known events: a, b, c, d"), e.getMessage());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[]{"flows", "--start", "a"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err));
        assertEquals(2, code);
        assertTrue(err.toString().contains("--project is required"));
    }

    @Test
    void endToEndOnTheHelpdeskProject(@TempDir Path dir) throws Exception {
        Path data = Path.of(System.getProperty("je.test.resources", "src/test/resources"), "data", "helpdesk.csv");
        Path project;
        try (ProjectStore store = ProjectStore.create(dir.resolve("helpdesk"))) {
            new ImportService(store).importFile(Ingest.inspect(data, ZoneOffset.UTC), false, TaskContext.NONE);
        }
        project = ProjectStore.projectFile(dir.resolve("helpdesk"));

        // naive expectations straight from the raw file: cases, their activities and times in file order
        Map<String, List<String[]>> cases = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(data);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            cases.computeIfAbsent(c[0], k -> new ArrayList<>()).add(c);
        }
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        int with1 = 0;
        int converted = 0;
        for (List<String[]> rows : cases.values()) {
            int i = 0;
            while (i < rows.size() && !rows.get(i)[1].equals("1")) {
                i++;
            }
            if (i == rows.size()) {
                continue;
            }
            with1++;
            LocalDateTime t0 = LocalDateTime.parse(rows.get(i)[2], fmt);
            int step = 1;
            String[] want = {"1", "8", "6"};
            for (int j = i + 1; j < rows.size() && step < 3; j++) {
                if (LocalDateTime.parse(rows.get(j)[2], fmt).isAfter(t0.plusDays(7))) {
                    break;
                }
                if (rows.get(j)[1].equals(want[step])) {
                    step++;
                }
            }
            if (step == 3) {
                converted++;
            }
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[]{"flows", "--project", project.toString(), "--start", "1", "--steps", "3",
                "--top", "4", "--by", "persons", "--csv"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err));
        assertEquals(0, code, err.toString());
        String first = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).skip(1)
                .findFirst().orElseThrow();
        assertEquals("node,0,0,1," + with1 + ",", first.substring(0, first.indexOf(',', "node,0,0,1,".length()) + 1));

        out.reset();
        code = Cli.run(new String[]{"funnel", "--project", project.toString(), "--steps", "1,8,6", "--window", "7d",
                "--by", "persons", "--json"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err));
        assertEquals(0, code, err.toString());
        JsonNode n = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(with1, n.get("entered").asInt());
        assertEquals(converted, n.get("converted").asInt());
        assertEquals(3_804, n.get("units").asInt());
    }
}
