package dev.nudge.store;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seam holds across modules (DESIGN.md §5): no main source opens a RocksDB iterator but
 * {@link NudgeStore}'s scans, and none builds a key from a string literal but {@link StoreKeys}.
 * Reads the sibling modules' sources, so it runs from a checkout (skipped elsewhere).
 */
class OneKeyCodecTest {
    private static final Pattern ITERATOR = Pattern.compile("RocksIterator|newIterator\\(");
    private static final Pattern LITERAL_KEY = Pattern.compile("StoreKeys\\.utf8\\(\"");

    private static List<Path> mainSources() {
        Path root = Path.of("").toAbsolutePath().getParent();
        Assumptions.assumeTrue(root != null && Files.isDirectory(root.resolve("nudge-store/src/main/java")), "not run from a checkout");
        try (Stream<Path> modules = Files.list(root)) {
            return modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).flatMap(dir -> {
                try {
                    return Files.walk(dir).filter(p -> p.toString().endsWith(".java")).toList().stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> offenders(Pattern pattern, String allowed) {
        return mainSources().stream()
                .filter(p -> !p.getFileName().toString().equals(allowed))
                .filter(p -> {
                    try {
                        return pattern.matcher(Files.readString(p)).find();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .map(Path::toString).toList();
    }

    @Test
    void onlyTheStoreScansOpenIterators() {
        assertThat(offenders(ITERATOR, "NudgeStore.java")).as("use NudgeStore's scan, scanBackward, scanKeys or scanRuns").isEmpty();
    }

    @Test
    void onlyTheCodecBuildsKeysFromLiterals() {
        assertThat(offenders(LITERAL_KEY, "StoreKeys.java")).as("declare the prefix in StoreKeys.Prefix and a key method beside it").isEmpty();
    }
}
