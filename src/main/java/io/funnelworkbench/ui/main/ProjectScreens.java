package io.funnelworkbench.ui.main;

import io.funnelworkbench.ui.project.ProjectScreen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Tab;

/** The project window's tabs after Overview: each an FXML screen whose controller is a {@link ProjectScreen}. */
final class ProjectScreens {
    record Screen(String title, String fxml) {
    }

    static final List<Screen> ALL = List.of(
            new Screen("Goals", "/io/funnelworkbench/ui/goals/GoalsPanel.fxml"),
            new Screen("Funnels", "/io/funnelworkbench/ui/funnel/FunnelBuilder.fxml"));

    record Loaded(Tab tab, ProjectScreen controller) {
    }

    private ProjectScreens() {
    }

    static List<Loaded> load() {
        List<Loaded> loaded = new ArrayList<>();
        for (Screen screen : ALL) {
            FXMLLoader loader = new FXMLLoader(ProjectScreens.class.getResource(screen.fxml()));
            try {
                Parent content = loader.load();
                Tab tab = new Tab(screen.title(), content);
                tab.setId(screen.title().toLowerCase(Locale.ROOT) + "Tab");
                loaded.add(new Loaded(tab, loader.getController()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot load the " + screen.title() + " screen", e);
            }
        }
        return loaded;
    }
}
