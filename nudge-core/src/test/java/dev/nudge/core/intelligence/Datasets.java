package dev.nudge.core.intelligence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared real datasets: system property {@code nudge.datasets}, else the environment
 * variable {@code NUDGE_DATASETS}, else {@code ../shared/data} from the repository root. Tests that
 * need a folder are skipped (not failed) when it is missing, with a message naming it.
 */
public final class Datasets {

    private Datasets() {}

    public static Path root() {
        String p = System.getProperty("nudge.datasets");
        if (p == null || p.isBlank()) p = System.getenv("NUDGE_DATASETS");
        if (p != null && !p.isBlank()) return Path.of(p);
        Path here = Path.of("").toAbsolutePath();
        // Surefire runs in the module folder; the repository root is its parent.
        Path root = Files.exists(here.resolve("pom.xml")) && Files.exists(here.resolve("../pom.xml")) ? here.getParent() : here;
        return root.resolve("../shared/data").normalize();
    }

    /** The dataset folder {@code name}, or the calling test is skipped with a message naming the folder. */
    public static Path require(String name) {
        Path dir = root().resolve(name);
        assumeTrue(Files.isDirectory(dir), "dataset folder " + dir.toAbsolutePath()
                + " is missing; set -Dnudge.datasets or NUDGE_DATASETS to the shared data folder to run this test");
        return dir;
    }
}
