package io.funnelworkbench.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import io.funnelworkbench.store.FunnelRepository;
import io.funnelworkbench.store.GoalRepository;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The layering of docs/ARCHITECTURE.md, enforced on the compiled main classes. */
class ArchitectureTest {
    private static final String BASE = "io.funnelworkbench";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);

    /** Each package and the project packages it may use (besides itself and libraries). */
    private static final Map<String, List<String>> ALLOWED = Map.ofEntries(
            Map.entry("model", List.of()),
            Map.entry("store", List.of("model")),
            Map.entry("importer", List.of("model", "store")),
            Map.entry("analysis", List.of("model")),
            Map.entry("export", List.of("model")),
            Map.entry("text", List.of("model", "analysis")),
            Map.entry("workspace", List.of("model", "store", "analysis", "text", "team")),
            Map.entry("chart", List.of("model", "text")),
            Map.entry("sample", List.of("model", "store", "importer")),
            Map.entry("bench", List.of("model", "store", "importer", "analysis")),
            Map.entry("team", List.of("model", "analysis", "importer")),
            Map.entry("cli", List.of("model", "store", "importer", "analysis", "export", "chart", "sample", "bench",
                    "team", "text", "workspace")),
            Map.entry("ui", List.of("model", "store", "importer", "analysis", "export", "chart", "sample", "bench",
                    "text", "workspace")));

    @Test
    void onlyChartAndUiUseJavaFx() {
        noClasses().that().resideOutsideOfPackages(BASE + ".chart..", BASE + ".ui..")
                .and().doNotHaveFullyQualifiedName(BASE + ".Main")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("the core must run and be tested without a JavaFX toolkit")
                .check(MAIN);
    }

    /**
     * Words and numbers users read are written in {@code text} (docs/ARCHITECTURE.md, "Text: what users read"), so
     * the front doors and the charts never format numbers themselves. There is no exception today: file names,
     * JSON and CSV cells are built from raw values, not formatted text.
     */
    @Test
    void onlyTextFormatsNumbers() {
        String[] frontDoors = {BASE + ".ui..", BASE + ".cli..", BASE + ".chart.."};
        noClasses().that().resideInAnyPackage(frontDoors)
                .should().callMethod(String.class, "format", String.class, Object[].class)
                .orShould().callMethod(String.class, "format", Locale.class, String.class, Object[].class)
                .orShould().callMethod(String.class, "formatted", Object[].class)
                .orShould().callMethod(PrintStream.class, "printf", String.class, Object[].class)
                .orShould().callMethod(PrintStream.class, "printf", Locale.class, String.class, Object[].class)
                .orShould().callMethod(PrintWriter.class, "printf", String.class, Object[].class)
                .orShould().callMethod(PrintWriter.class, "printf", Locale.class, String.class, Object[].class)
                .orShould().dependOnClassesThat().areAssignableTo(NumberFormat.class)
                .because("numbers are written by io.funnelworkbench.text, by one rule")
                .check(MAIN);
    }

    @Test
    void layersOnlyUseTheLayersBelowThem() {
        for (var entry : ALLOWED.entrySet()) {
            String layer = entry.getKey();
            List<String> forbidden = ALLOWED.keySet().stream()
                    .filter(other -> !other.equals(layer) && !entry.getValue().contains(other))
                    .map(other -> BASE + "." + other + "..").toList();
            noClasses().that().resideInAPackage(BASE + "." + layer + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .allowEmptyShould(true)
                    .because(layer + " may only use " + entry.getValue())
                    .check(MAIN);
        }
    }

    /** What ui and cli may call on the store's goals and saved funnels: reading. Writing is the workspace's. */
    private static final Set<String> STORE_READS = Set.of("list", "find");

    @Test
    void onlyTheWorkspaceWritesGoalsAndSavedFunnels() {
        DescribedPredicate<JavaMethodCall> storeWrite = DescribedPredicate.describe(
                "a write of goals or saved funnels in the store", call ->
                        (call.getTargetOwner().isEquivalentTo(GoalRepository.class)
                                || call.getTargetOwner().isEquivalentTo(FunnelRepository.class))
                                && !STORE_READS.contains(call.getName()));
        noClasses().that().resideInAnyPackage(BASE + ".ui..", BASE + ".cli..")
                .should().callMethodWhere(storeWrite)
                .because("the edit rules (unique names, renames that funnels follow, deletions that name the"
                        + " funnels they break) live in workspace, and neither front door may go around them")
                .check(MAIN);
    }

    @Test
    void everyPackageIsInTheLayerTable() {
        MAIN.forEach(c -> {
            String rest = c.getPackageName().equals(BASE) ? "" : c.getPackageName().substring(BASE.length() + 1);
            String top = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
            if (!top.isEmpty() && !ALLOWED.containsKey(top)) {
                throw new AssertionError(c.getName() + " is in package " + top + ", which the layer table lacks");
            }
        });
    }

    @Test
    void packagesHaveNoCycles() {
        SlicesRuleDefinition.slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
