package io.funnelworkbench.team;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.spark.sql.connect.SparkSession;

/**
 * The jar that carries the kernel to the cluster: the app's own jar when it runs from one, else (from a build's
 * class folder) a jar made of that folder. Spark Connect uploads it with {@code addArtifact} and loads the
 * partition function from it on the server.
 */
final class KernelArtifact {
    /**
     * Every entry's time: the same classes make the same bytes, and a session accepts an artifact again only when
     * its bytes are those it already has (artifacts cannot be overwritten).
     */
    private static final long FIXED_TIME = 0L;

    private KernelArtifact() {
    }

    /**
     * Uploads the jar of the classes the cluster runs (the kernel's partition function, the rules' UDFs) to
     * {@code session}; made in {@code scratch} when the app runs from a class folder.
     */
    static void uploadTo(SparkSession session, Path scratch) {
        session.addArtifact(jarOf(KernelPartition.class, scratch).toString());
    }

    /** The jar holding {@code type}'s classes, made in {@code scratch} when they sit in a folder. */
    static Path jarOf(Class<?> type, Path scratch) {
        try {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(location) ? jarFolder(location, scratch.resolve("funnel-kernel.jar")) : location;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The kernel's classes have no file location", e);
        }
    }

    private static Path jarFolder(Path folder, Path jar) {
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> classes = walk.filter(file -> file.toString().endsWith(".class")).sorted().toList();
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
                for (Path c : classes) {
                    JarEntry entry = new JarEntry(folder.relativize(c).toString().replace('\\', '/'));
                    entry.setTime(FIXED_TIME);
                    out.putNextEntry(entry);
                    Files.copy(c, out);
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot pack the kernel's classes into " + jar, e);
        }
    }
}
