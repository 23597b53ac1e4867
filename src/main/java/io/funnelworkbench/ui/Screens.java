package io.funnelworkbench.ui;

import io.funnelworkbench.ui.dialogs.Dialogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The one way a screen is loaded. A screen is a controller class {@code XController} with its layout in
 * {@code X.fxml} beside it (same package, under resources). Controllers are made here: one with a constructor
 * taking {@code Screens} gets this object, and through it the {@link Dialogs} and the means to open further
 * screens; others need a no-argument constructor. A {@link BoundScreen} is then handed its view model.
 */
public final class Screens {
    private final Dialogs dialogs;

    public Screens(Dialogs dialogs) {
        this.dialogs = dialogs;
    }

    public Dialogs dialogs() {
        return dialogs;
    }

    /** A loaded screen: its root node and its controller. */
    public record Loaded<C>(Parent root, C controller) {
    }

    /** Loads {@code controllerType}'s layout; the controller is not bound (project tabs open sessions later). */
    public <C> Loaded<C> load(Class<C> controllerType) {
        FXMLLoader loader = new FXMLLoader(layoutOf(controllerType));
        loader.setControllerFactory(this::makeController);
        try {
            Parent root = loader.load();
            return new Loaded<>(root, controllerType.cast(loader.getController()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the layout of " + controllerType.getSimpleName(), e);
        }
    }

    /** Loads {@code controllerType}'s layout and binds the controller to {@code viewModel}. */
    public <M, C extends BoundScreen<M>> Loaded<C> load(Class<C> controllerType, M viewModel) {
        Loaded<C> loaded = load(controllerType);
        loaded.controller().bind(viewModel);
        return loaded;
    }

    /** What a screen shown as a window of its own looks like. */
    public record WindowSpec(String title, double minWidth, double minHeight) {
    }

    /**
     * Shows a screen as a modal window over {@code owner}, styled like it. The window exists (as the scene's
     * window) when the controller is bound, so the controller can close it.
     */
    public <M, C extends BoundScreen<M>> Stage showWindow(Window owner, Class<C> controllerType, M viewModel,
                                                          WindowSpec spec) {
        Loaded<C> loaded = load(controllerType);
        Scene scene = new Scene(loaded.root());
        scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(spec.title());
        if (owner instanceof Stage ownerStage) {
            stage.getIcons().setAll(ownerStage.getIcons());
        }
        stage.setScene(scene);
        stage.setMinWidth(spec.minWidth());
        stage.setMinHeight(spec.minHeight());
        loaded.controller().bind(viewModel);
        stage.show();
        return stage;
    }

    private static URL layoutOf(Class<?> controllerType) {
        String name = controllerType.getSimpleName().replaceFirst("Controller$", "") + ".fxml";
        URL layout = controllerType.getResource(name);
        if (layout == null) {
            throw new IllegalStateException("No layout " + name + " beside " + controllerType.getName());
        }
        return layout;
    }

    private Object makeController(Class<?> type) {
        try {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Screens.class) {
                    return constructor.newInstance(this);
                }
            }
            return type.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Cannot make " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getSimpleName() + " needs a public constructor taking nothing or "
                    + "Screens", e);
        }
    }
}
