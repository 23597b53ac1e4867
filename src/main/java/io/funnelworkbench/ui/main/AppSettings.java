package io.funnelworkbench.ui.main;

import io.funnelworkbench.store.AppDirectories;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** The app's small settings (recent projects, window placement), kept in a properties file in the app folder. */
public final class AppSettings {
    static final int MAX_RECENT = 8;

    private final Path file;
    private final Properties values = new Properties();

    public AppSettings(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(reader);
            } catch (IOException e) {
                // Unreadable settings are not worth refusing to start over; the defaults apply.
                values.clear();
            }
        }
    }

    public static AppSettings standard() {
        return new AppSettings(AppDirectories.home().resolve("settings.properties"));
    }

    public List<Path> recentProjects() {
        List<Path> recent = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String value = values.getProperty("recent." + i);
            if (value != null) {
                recent.add(Path.of(value));
            }
        }
        return recent;
    }

    public void addRecentProject(Path project) {
        List<Path> recent = new ArrayList<>(recentProjects());
        recent.remove(project);
        recent.add(0, project);
        setRecent(recent);
    }

    public void removeRecentProject(Path project) {
        List<Path> recent = new ArrayList<>(recentProjects());
        recent.remove(project);
        setRecent(recent);
    }

    private void setRecent(List<Path> recent) {
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < recent.size()) {
                values.setProperty("recent." + i, recent.get(i).toString());
            } else {
                values.remove("recent." + i);
            }
        }
        save();
    }

    public Optional<double[]> windowBounds() {
        try {
            return Optional.of(new double[] {
                Double.parseDouble(values.getProperty("window.x")), Double.parseDouble(values.getProperty("window.y")),
                Double.parseDouble(values.getProperty("window.width")),
                Double.parseDouble(values.getProperty("window.height"))});
        } catch (NullPointerException | NumberFormatException missing) {
            return Optional.empty();
        }
    }

    public boolean windowMaximized() {
        return Boolean.parseBoolean(values.getProperty("window.maximized", "false"));
    }

    public void saveWindow(double x, double y, double width, double height, boolean maximized) {
        values.setProperty("window.x", Double.toString(x));
        values.setProperty("window.y", Double.toString(y));
        values.setProperty("window.width", Double.toString(width));
        values.setProperty("window.height", Double.toString(height));
        values.setProperty("window.maximized", Boolean.toString(maximized));
        save();
    }

    private void save() {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            values.store(writer, "Funnel Workbench settings");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save settings to " + file, e);
        }
    }
}
