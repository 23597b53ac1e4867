package io.funnelworkbench.team;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests a {@link LocalSparkConnectServer}: ONE per test run, started by the first test
 * class that asks for it and stopped when the run ends. Tests using it carry {@code @Tag("spark")}, so they run in
 * the separate surefire execution of pom.xml (with Spark's Java 17 options), not with the desktop tests.
 *
 * <pre>
 * &#64;Tag("spark")
 * &#64;ExtendWith(LocalSparkConnect.class)
 * class SomeSparkTest {
 *     &#64;BeforeAll
 *     static void connect(LocalSparkConnectServer server) { ... server.remote() ... }
 * }
 * </pre>
 */
public final class LocalSparkConnect implements ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(LocalSparkConnect.class);
    private static final Path WORK_DIR = Path.of("target", "spark-connect");

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalSparkConnectServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningServer.class, key -> new RunningServer(), RunningServer.class)
                .server();
    }

    /** Held in the root store, which closes it when the whole test run ends. */
    private record RunningServer(LocalSparkConnectServer server) implements ExtensionContext.Store.CloseableResource {
        RunningServer() {
            this(LocalSparkConnectServer.start(WORK_DIR));
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
