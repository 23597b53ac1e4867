package io.funnelworkbench.store;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * Lets a project's path reach H2 as a file path rather than as text of a JDBC URL, which H2 would read up to
 * the first {@code ;} and take the rest as settings ({@code INIT=RUNSCRIPT ...}). The URL names the project
 * as {@code fwproject:=HEX.mv.db}: the path's UTF-8 bytes in hexadecimal, then whatever H2 appends. Names H2
 * derives itself (real paths, temporary files) come back as {@code fwproject:PLAIN-PATH}. Public only because
 * H2 makes one per path by reflection.
 */
public final class ProjectFilePath extends FilePathWrapper {
    static final String SCHEME = "fwproject";
    private static final String ENCODED = "=";
    private static final HexFormat HEX = HexFormat.of();

    static {
        FilePath.register(new ProjectFilePath());
    }

    public ProjectFilePath() {
        // H2 makes one per path by reflection.
    }

    /** The H2 database name (no URL text of its own) of a project whose file is {@code base + ".mv.db"}. */
    static String databaseName(String base) {
        return SCHEME + ":" + ENCODED + HEX.formatHex(base.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    protected FilePath unwrap(String fileName) {
        String rest = fileName.substring(SCHEME.length() + 1);
        if (!rest.startsWith(ENCODED)) {
            return FilePath.get(rest);
        }
        int end = ENCODED.length();
        while (end < rest.length() && Character.digit(rest.charAt(end), 16) >= 0) {
            end++;
        }
        String path = new String(HEX.parseHex(rest, ENCODED.length(), end), StandardCharsets.UTF_8);
        return FilePath.get(path + rest.substring(end));
    }
}
