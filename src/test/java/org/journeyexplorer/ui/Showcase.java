package org.journeyexplorer.ui;

import javafx.application.Application;
import javafx.application.Platform;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Puts the real application into a named state for a screenshot of the README (run under
 * {@code /work/shared/tools/shot} with the test classpath): {@code Showcase SCENE [app arguments]}. Each scene
 * drives the window the way a user would (tab, selection, controls) once the project has loaded, then leaves the
 * window open for the shot.
 */
public final class Showcase {
    private static final Map<String, Consumer<JourneyExplorerApp>> SCENES = new LinkedHashMap<>();

    static {
        SCENES.put("journeys", app -> {
            onFx(() -> app.model().selectedFeatureProperty().set(Feature.JOURNEYS));
            pause(1500);
            onFx(() -> {
                var table = (javafx.scene.control.TableView<?>) app.window().getRoot().lookup("#journeys-persons");
                table.getSelectionModel().select(0);
            });
        });
        SCENES.put("journeys-person", app -> {
            // a person by id (showcase.person), to show the ids that belong to them and why
            onFx(() -> app.model().selectedFeatureProperty().set(Feature.JOURNEYS));
            pause(1500);
            onFx(() -> ((javafx.scene.control.TextField) app.window().getRoot().lookup("#journeys-search"))
                    .setText(System.getProperty("showcase.person", "u101084")));
            pause(500);
            onFx(() -> {
                var table = (javafx.scene.control.TableView<?>) app.window().getRoot().lookup("#journeys-persons");
                table.getSelectionModel().select(0);
            });
        });
        SCENES.put("transitions-all", app -> {
            onFx(() -> app.model().selectedFeatureProperty().set(Feature.TRANSITIONS));
            pause(1000);
            onFx(() -> ((org.journeyexplorer.ui.heatmap.TransitionsView) app.window().view(Feature.TRANSITIONS))
                    .viewModel().topKProperty().set(Integer.getInteger("showcase.topk", 0)));
        });
        SCENES.put("compare", app -> {
            onFx(() -> {
                app.model().selectedFeatureProperty().set(Feature.COMPARE);
                var view = (org.journeyexplorer.ui.compare.CompareView) app.window().view(Feature.COMPARE);
                String key = System.getProperty("showcase.key", "device");
                var mobile = new org.journeyexplorer.analysis.Segment(System.getProperty("showcase.a", "Mobile"),
                        org.journeyexplorer.analysis.CountUnit.PERSONS, java.util.List.of(
                        new org.journeyexplorer.analysis.SegmentCondition.Property(key, java.util.Set.of(
                                System.getProperty("showcase.av", "mobile").split(",")), false)));
                var web = new org.journeyexplorer.analysis.Segment(System.getProperty("showcase.b", "Desktop"),
                        org.journeyexplorer.analysis.CountUnit.PERSONS, java.util.List.of(
                        new org.journeyexplorer.analysis.SegmentCondition.Property(key, java.util.Set.of(
                                System.getProperty("showcase.bv", "desktop").split(",")), false)));
                view.add(mobile);
                view.add(web);
                view.viewModel().segmentAProperty().set(app.model().segments().get(0));
                view.viewModel().segmentBProperty().set(app.model().segments().get(1));
                view.viewModel().modeProperty().set(org.journeyexplorer.ui.compare.CompareViewModel.Mode.valueOf(
                        System.getProperty("showcase.mode", "FUNNEL")));
                String steps = System.getProperty("showcase.steps");
                if (steps != null) {
                    view.viewModel().funnelSteps().setAll(steps.split(","));
                }
            });
        });
        SCENES.put("segment-editor", app -> {
            onFx(() -> app.model().selectedFeatureProperty().set(Feature.COMPARE));
            pause(500);
            Platform.runLater(() -> ((org.journeyexplorer.ui.compare.CompareView) app.window().view(Feature.COMPARE))
                    .newSegment());
        });
        SCENES.put("event-search", app -> {
            String tab = System.getProperty("showcase.tab", "flows");
            onFx(() -> {
                app.model().selectedFeatureProperty().set(Feature.valueOf(tab.toUpperCase()));
                var root = app.window().getRoot();
                ((javafx.scene.control.TextField) root.lookup("#filter-types-search"))
                        .setText(System.getProperty("showcase.search", "view"));
                // the event types sit at the bottom of the left panel
                ((javafx.scene.control.ScrollPane) root.lookup("#project-panel")).setVvalue(1);
            });
        });
        SCENES.put("tab", app -> {
            String tab = System.getProperty("showcase.tab", "flows");
            onFx(() -> app.model().selectedFeatureProperty().set(Feature.valueOf(tab.toUpperCase())));
        });
    }

    private Showcase() {
    }

    public static void main(String[] args) throws Exception {
        String scene = args.length == 0 ? "tab" : args[0];
        Consumer<JourneyExplorerApp> script = SCENES.get(scene);
        if (script == null) {
            System.err.println("unknown scene " + scene + "; known: " + SCENES.keySet());
            System.exit(2);
        }
        String[] appArgs = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        Thread fx = new Thread(() -> Application.launch(JourneyExplorerApp.class, appArgs), "showcase-launch");
        fx.start();
        waitUntil(() -> JourneyExplorerApp.running() != null && JourneyExplorerApp.running().model() != null);
        JourneyExplorerApp app = JourneyExplorerApp.running();
        waitUntil(() -> onFxGet(() -> app.model().getSelection() != null && !app.model().loadingProperty().get()));
        if (Boolean.getBoolean("showcase.dark")) {
            onFx(() -> Theme.apply(app.window().stage().getScene(), true));
        }
        script.accept(app);
        pause(500);
        onFx(() -> {
        });
        System.out.println("showcase ready");
    }

    static void onFx(Runnable r) {
        onFxGet(() -> {
            r.run();
            return true;
        });
    }

    static <T> T onFxGet(java.util.concurrent.Callable<T> c) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void waitUntil(BooleanSupplier condition) {
        long end = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < end) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not ready yet
            }
            pause(100);
        }
        throw new IllegalStateException("timed out");
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
