package dev.nudge.bench.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Prints what a benchmark figure needs beside it: the date, the cores, the CPU model and the load. */
final class Report {
    private Report() {}

    /** Total collection time of every garbage collector so far. */
    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    /** CPU time of the calling thread: on a shared, overloaded machine this is what the work costs, waits for a core excluded. */
    static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** CPU time of the live thread named {@code name} (e.g. {@code nudge-writer}), or -1 if there is none. */
    static long threadCpuNanos(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) return ManagementFactory.getThreadMXBean().getThreadCpuTime(t.threadId());
        }
        return -1;
    }

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
