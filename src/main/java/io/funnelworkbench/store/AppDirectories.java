package io.funnelworkbench.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the app keeps its own files: settings, sample projects. Tests point it elsewhere. */
public final class AppDirectories {
    public static final String HOME_PROPERTY = "funnelworkbench.home";

    private AppDirectories() {
    }

    public static Path home() {
        String override = System.getProperty(HOME_PROPERTY);
        Path home = override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".funnelworkbench");
        try {
            return Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the app folder " + home, e);
        }
    }

    public static Path samples() {
        try {
            return Files.createDirectories(home().resolve("samples"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the sample folder under " + home(), e);
        }
    }
}
