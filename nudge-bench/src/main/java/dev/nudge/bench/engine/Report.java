package dev.nudge.bench.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Prints what a benchmark figure needs beside it: the date, the cores, the CPU model and the load. */
final class Report {
    private Report() {}

    static void machine() {
        String model = "unknown CPU";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(model);
        } catch (IOException ignored) {
            // not Linux: the model stays unknown
        }
        System.out.printf("date %s, %d cores, %s, load average %.2f, java %s, max heap %d MB%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), model, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
    }
}
