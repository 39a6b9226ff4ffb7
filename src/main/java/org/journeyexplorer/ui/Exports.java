package org.journeyexplorer.ui;

import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Transform;
import org.journeyexplorer.export.Csv;
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

    /** Writes a CSV file ({@link Csv}: RFC 4180, UTF-8, formula cells guarded). */
    public static void writeCsv(Path p, List<String> header, List<List<String>> rows) {
        TextFiles.write(p, w -> Csv.table(w, header, rows));
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
