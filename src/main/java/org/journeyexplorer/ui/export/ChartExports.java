package org.journeyexplorer.ui.export;

import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.ui.FeatureView;
import org.journeyexplorer.ui.FileDialogs;
import org.journeyexplorer.ui.ProjectInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The export commands every chart offers, in File ▸ Export and on the chart's background context menu, asking for
 * the target path through {@link FileDialogs} (looked up when a command runs, so tests can swap them); plus the
 * caption every export carries.
 */
public final class ChartExports {
    private ChartExports() {
    }

    /** File ▸ Export entries, e.g. "Flows as PNG…". */
    public static List<FeatureView.ExportAction> actions(String what, ExportableChart chart, Node owner,
                                                         Supplier<FileDialogs> dialogs) {
        List<FeatureView.ExportAction> out = new ArrayList<>();
        out.add(new FeatureView.ExportAction(what + " as PNG…", () -> ask(chart, owner, dialogs, "png")));
        out.add(new FeatureView.ExportAction(what + " as SVG…", () -> ask(chart, owner, dialogs, "svg")));
        out.add(new FeatureView.ExportAction(what + " data as CSV…", () -> ask(chart, owner, dialogs, "csv")));
        out.add(new FeatureView.ExportAction("Copy " + what.toLowerCase(Locale.ROOT) + " image",
                chart::copyToClipboard));
        return out;
    }

    /** The toolbar's "Export" button; filled up front because an empty menu would never open. */
    public static MenuButton button(List<FeatureView.ExportAction> actions) {
        MenuButton export = new MenuButton("Export");
        for (FeatureView.ExportAction a : actions) {
            MenuItem item = new MenuItem(a.label());
            item.setOnAction(x -> a.action().run());
            export.getItems().add(item);
        }
        return export;
    }

    /** The same commands as a context menu. */
    public static ContextMenu menu(ExportableChart chart, Node owner, Supplier<FileDialogs> dialogs) {
        MenuItem copy = new MenuItem("Copy image");
        copy.setOnAction(e -> chart.copyToClipboard());
        MenuItem png = new MenuItem("Export PNG…");
        png.setOnAction(e -> ask(chart, owner, dialogs, "png"));
        MenuItem svg = new MenuItem("Export SVG…");
        svg.setOnAction(e -> ask(chart, owner, dialogs, "svg"));
        MenuItem csv = new MenuItem("Export data as CSV…");
        csv.setOnAction(e -> ask(chart, owner, dialogs, "csv"));
        return new ContextMenu(copy, new SeparatorMenuItem(), png, svg, csv);
    }

    private static void ask(ExportableChart chart, Node owner, Supplier<FileDialogs> dialogs, String ext) {
        var window = owner.getScene() == null ? null : owner.getScene().getWindow();
        String title = switch (ext) {
            case "png" -> "Export chart as PNG";
            case "svg" -> "Export chart as SVG";
            default -> "Export chart data as CSV";
        };
        dialogs.get().chooseSaveFile(window, title, chart.suggestedFileName() + "." + ext, ext).ifPresent(p -> {
            switch (ext) {
                case "png" -> chart.exportPng(p);
                case "svg" -> chart.exportSvg(p);
                default -> chart.exportCsv(p);
            }
        });
    }

    /** Caption with the project name, the date range and the filters of the left panel. */
    public static ChartCaption caption(String title, ProjectInfo project, FilterSettings filters) {
        return ChartCaption.of(title, project == null ? "" : project.name(), filters);
    }

    /** A file-name-safe stem from a title. */
    public static String fileStem(String title) {
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.length() > 60 ? s.substring(0, 60).replaceAll("-$", "") : s.isEmpty() ? "chart" : s;
    }
}
