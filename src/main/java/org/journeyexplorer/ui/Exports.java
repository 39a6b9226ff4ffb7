package org.journeyexplorer.ui;

import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Transform;
import org.journeyexplorer.export.TextFiles;
import org.journeyexplorer.ui.concurrent.TaskRunner;
import org.journeyexplorer.ui.export.ChartImages;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Exports of the shell's own tabs (tables as CSV, views as PNG), always to a path the user chose and written in
 * the background. The PNG is a 2× snapshot taken on the FX thread; encoding happens off it.
 */
public final class Exports {
    private Exports() {
    }

    /** Asks for a CSV path and writes {@code header} and {@code rows} there. */
    public static void csv(Node owner, AppModel model, TaskRunner runner, String suggestedName, List<String> header,
                           List<List<String>> rows) {
        FileDialogs.current().chooseSaveFile(owner.getScene().getWindow(), "Export CSV", suggestedName, "csv")
                .ifPresent(p -> runner.run("Exporting " + p.getFileName(), ctx -> {
                    writeCsv(p, header, rows);
                    model.recordExport("CSV", p, rows.size());
                    return p;
                }, done -> { }, model::fail));
    }

    /** Writes a CSV file (RFC 4180 quoting, UTF-8). */
    public static void writeCsv(Path p, List<String> header, List<List<String>> rows) {
        TextFiles.write(p, w -> {
            w.write(line(header));
            for (List<String> r : rows) {
                w.write(line(r));
            }
        });
    }

    private static String line(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(quote(cells.get(i)));
        }
        return b.append('\n').toString();
    }

    /** A CSV cell: quoted when it holds a comma, quote or line break. */
    public static String quote(String s) {
        if (s == null) {
            return "";
        }
        boolean q = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return q ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** Asks for a PNG path and saves a 2× snapshot of {@code node}. */
    public static void png(Node node, AppModel model, TaskRunner runner, String suggestedName) {
        FileDialogs.current().chooseSaveFile(node.getScene().getWindow(), "Export PNG", suggestedName, "png")
                .ifPresent(p -> {
                    SnapshotParameters sp = new SnapshotParameters();
                    sp.setTransform(Transform.scale(2, 2));
                    WritableImage img = node.snapshot(sp, null);
                    BufferedImage awt = ChartImages.toBuffered(img);
                    runner.run("Exporting " + p.getFileName(), ctx -> {
                        ChartImages.writePng(awt, p);
                        model.recordExport("PNG", p, 1);
                        return p;
                    }, done -> { }, model::fail);
                });
    }
}
