package org.journeyexplorer.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SchemaTest {
    @TempDir
    Path dir;

    private interface Migration {
        void run(Connection c) throws SQLException;
    }

    @Test
    void aNewFileIsCreatedAsTheStepsLeaveItWithoutTheirAlters() throws Exception {
        List<String> stepByStep = schema("steps", c -> {
            for (int v = 1; v <= Schema.LATEST; v++) {
                Schema.migrate(c, v);
            }
        });
        List<String> created = schema("created", c -> Schema.migrate(c, Schema.LATEST));
        assertTrue(stepByStep.size() > 20, "the script lists the tables, columns and indexes: " + stepByStep);
        assertEquals(stepByStep, created);

        // none of the steps' table copies (ALTER) or row updates on a file that has no rows yet
        List<String> plan = Schema.plan(0, Schema.LATEST);
        assertTrue(plan.stream().noneMatch(sql -> sql.startsWith("ALTER") || sql.startsWith("UPDATE event_chunk")),
                String.join("\n", plan));
    }

    @Test
    void anOldFileIsUpgradedToTheSameSchema() throws Exception {
        List<String> created = schema("created", c -> Schema.migrate(c, Schema.LATEST));
        for (int old = 1; old < Schema.LATEST; old++) {
            int from = old;
            List<String> upgraded = schema("from" + old, c -> {
                Schema.migrate(c, from);
                assertEquals(from, Schema.version(c));
                Schema.migrate(c, Schema.LATEST);
            });
            assertEquals(created, upgraded, "upgraded from version " + old);
        }
    }

    /**
     * The file's schema as H2 scripts it (tables, columns, constraints, indexes; no data), one statement a line in
     * sorted order (H2 scripts tables in the order of their internal ids, which an ALTER that copies a table renews),
     * after its version.
     */
    private List<String> schema(String name, Migration m) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(name) + ";TRACE_LEVEL_FILE=0")) {
            m.run(c);
            List<String> lines = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SCRIPT NODATA")) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    // the user's random salt, and row-count comments
                    if (!line.startsWith("CREATE USER") && !line.startsWith("--")) {
                        lines.add(line);
                    }
                }
            }
            lines.sort(null);
            lines.add(0, "version " + Schema.version(c));
            return lines;
        }
    }
}
