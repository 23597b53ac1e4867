package io.funnelworkbench.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The project's version as pom.xml states it, to check what the build wrote into the app. */
public final class PomVersion {
    private static final Pattern OWN_VERSION =
            Pattern.compile("<artifactId>funnel-workbench</artifactId>\\s*<version>([^<]+)</version>");

    private PomVersion() {
    }

    public static String read() {
        try {
            Matcher m = OWN_VERSION.matcher(Files.readString(Path.of("pom.xml")));
            if (!m.find()) {
                throw new IllegalStateException("pom.xml names no version after its artifactId");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
