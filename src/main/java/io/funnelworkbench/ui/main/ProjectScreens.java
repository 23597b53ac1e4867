package io.funnelworkbench.ui.main;

import io.funnelworkbench.ui.Screens;
import io.funnelworkbench.ui.funnel.FunnelBuilderController;
import io.funnelworkbench.ui.goals.GoalsPanelController;
import io.funnelworkbench.ui.project.ProjectScreen;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Tab;

/** The project window's tabs after Overview: each a screen whose controller is a {@link ProjectScreen}. */
final class ProjectScreens {
    record Screen(String title, Class<? extends ProjectScreen> controller) {
    }

    static final List<Screen> ALL = List.of(
            new Screen("Goals", GoalsPanelController.class),
            new Screen("Funnels", FunnelBuilderController.class));

    record Loaded(Tab tab, ProjectScreen controller) {
    }

    private ProjectScreens() {
    }

    static List<Loaded> load(Screens screens) {
        return ALL.stream().map(screen -> {
            Screens.Loaded<? extends ProjectScreen> loaded = screens.load(screen.controller());
            Tab tab = new Tab(screen.title(), loaded.root());
            tab.setId(screen.title().toLowerCase(Locale.ROOT) + "Tab");
            return new Loaded(tab, loaded.controller());
        }).toList();
    }
}
