package io.funnelworkbench.ui.main;

import atlantafx.base.theme.PrimerLight;
import io.funnelworkbench.store.AppDirectories;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.ui.Screens;
import io.funnelworkbench.ui.background.FailureReport;
import io.funnelworkbench.ui.background.FxBackgroundRunner;
import io.funnelworkbench.ui.dialogs.Dialogs;
import io.funnelworkbench.ui.dialogs.FxDialogs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The desktop app. Parameters: {@code --sample=NAME} opens a bundled sample, {@code --project=PATH} opens a
 * project; with neither, the welcome screen shows.
 */
public final class FunnelWorkbenchApp extends Application {
    private static final Logger LOG = Logger.getLogger("io.funnelworkbench");
    private static final List<Integer> ICON_SIZES = List.of(16, 32, 48, 64, 128, 256);

    private final Dialogs dialogs;
    private FxBackgroundRunner runner;
    private MainWindowViewModel viewModel;
    private MainWindowController controller;
    private Stage stage;

    public FunnelWorkbenchApp() {
        this(new FxDialogs());
    }

    /** The app asking its questions through {@code dialogs}: UI tests pass scripted answers. */
    public FunnelWorkbenchApp(Dialogs dialogs) {
        this.dialogs = dialogs;
    }

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        setUpLogging();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> reportUncaught(error));
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        AppSettings settings = AppSettings.standard();
        runner = new FxBackgroundRunner();
        viewModel = new MainWindowViewModel(runner, settings);
        Screens.Loaded<MainWindowController> window = new Screens(dialogs).load(MainWindowController.class,
                viewModel);
        controller = window.controller();

        Scene scene = new Scene(window.root());
        scene.getStylesheets().add(Objects.requireNonNull(
                FunnelWorkbenchApp.class.getResource("app.css")).toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(viewModel.windowTitle());
        stage.getIcons().addAll(icons());
        WindowPlacement.restore(stage, settings);
        Runnable closeWindow = () -> {
            WindowPlacement.save(stage, settings);
            viewModel.closeProject();
        };
        stage.setOnCloseRequest(e -> {
            if (controller.confirmLeavingProject()) {
                closeWindow.run();
            } else {
                e.consume();
            }
        });
        controller.setOnQuit(() -> {
            closeWindow.run();
            Platform.exit();
        });
        if (StartupProbe.requested()) {
            StartupProbe.watch(scene, viewModel);
        }
        stage.show();
        openFromParameters();
        warmUpStorage();
    }

    /**
     * Loads the database engine's classes while the user looks at the welcome screen, so that the first project
     * opens as fast as later ones. Nothing is read or written.
     */
    private static void warmUpStorage() {
        Thread warmUp = new Thread(ProjectStore::warmUp, "storage-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
    }

    private void openFromParameters() {
        var named = getParameters().getNamed();
        if (named.containsKey("sample")) {
            viewModel.openSample(named.get("sample"));
        } else if (named.containsKey("project")) {
            viewModel.openProject(Path.of(named.get("project")));
        }
    }

    private static List<Image> icons() {
        return ICON_SIZES.stream().map(size -> {
            InputStream in = FunnelWorkbenchApp.class.getResourceAsStream("/io/funnelworkbench/ui/icons/icon-"
                    + size + ".png");
            return in == null ? null : new Image(in);
        }).filter(Objects::nonNull).toList();
    }

    private static void setUpLogging() {
        try {
            Path logs = Files.createDirectories(AppDirectories.home().resolve("logs"));
            FileHandler handler = new FileHandler(logs.resolve("funnel-workbench-%g.log").toString(), 2_000_000, 3,
                    true);
            handler.setFormatter(new SimpleFormatter());
            LOG.addHandler(handler);
            // The newest of the rotating files is number 0.
            FailureReport.logLocation(logs.resolve("funnel-workbench-0.log").toString());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot write a log file; logging to the console only", e);
        }
    }

    /** Logs an error nothing else caught, and tells the user instead of failing silently. */
    private void reportUncaught(Throwable error) {
        LOG.log(Level.SEVERE, "Uncaught error", error);
        Runnable show = () -> dialogs.error("Something went wrong. Your project is safe; the details are in the "
                + "log under " + AppDirectories.home().resolve("logs") + ".", error);
        if (Platform.isFxApplicationThread()) {
            show.run();
        } else {
            Platform.runLater(show);
        }
    }

    /** The main window's view model, through which a UI test opens its fixture project. */
    public MainWindowViewModel viewModel() {
        return viewModel;
    }

    /** The main window's screen, from which a UI test reaches the project tabs' controllers. */
    public MainWindowController mainWindow() {
        return controller;
    }

    @Override
    public void stop() {
        if (viewModel != null) {
            viewModel.closeProject();
        }
        if (runner != null) {
            runner.close();
        }
    }

    /** Window size and position, restored only when they still fit on a screen. */
    static final class WindowPlacement {
        private WindowPlacement() {
        }

        static void restore(Stage stage, AppSettings settings) {
            settings.windowBounds().filter(b -> onSomeScreen(b)).ifPresentOrElse(b -> {
                stage.setX(b[0]);
                stage.setY(b[1]);
                stage.setWidth(b[2]);
                stage.setHeight(b[3]);
            }, () -> {
                Rectangle2D screen = Screen.getPrimary().getVisualBounds();
                stage.setWidth(Math.min(1280, screen.getWidth()));
                stage.setHeight(Math.min(820, screen.getHeight()));
                stage.centerOnScreen();
            });
            stage.setMaximized(settings.windowMaximized());
        }

        static void save(Stage stage, AppSettings settings) {
            settings.saveWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
        }

        private static boolean onSomeScreen(double[] bounds) {
            return !Screen.getScreensForRectangle(bounds[0], bounds[1], Math.max(1, bounds[2] / 2), 40).isEmpty()
                    && bounds[2] >= 400 && bounds[3] >= 300;
        }
    }
}
