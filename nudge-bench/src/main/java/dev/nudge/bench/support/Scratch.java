package dev.nudge.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Benchmark scratch folders (data folders of hundreds of MB): made in the temp folder, deleted when the run ends. */
public final class Scratch {
    private Scratch() {
    }

    /** Deletes a folder and everything under it; says which folder to delete by hand if it cannot. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the benchmark folder " + dir + "; delete it by hand", e);
        }
    }
}
