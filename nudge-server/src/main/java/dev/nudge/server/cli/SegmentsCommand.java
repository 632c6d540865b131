package dev.nudge.server.cli;

import dev.nudge.core.segment.DefaultSegments;
import dev.nudge.core.segment.lang.SegmentDefinition;
import dev.nudge.server.NudgeRuntime;
import dev.nudge.store.segment.Backfill;
import dev.nudge.store.segment.SegmentReads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

@Command(name = "segments", mixinStandardHelpOptions = true,
        description = "List segments with their sizes, write the shipped segments into a folder to edit, or backfill (server stopped).",
        subcommands = {SegmentsCommand.ListSegments.class, SegmentsCommand.Init.class, SegmentsCommand.BackfillNow.class})
public final class SegmentsCommand implements Runnable {
    @Option(names = "--data", defaultValue = "nudge-data", scope = picocli.CommandLine.ScopeType.INHERIT, description = "data folder") Path data;
    @Option(names = "--segments", scope = picocli.CommandLine.ScopeType.INHERIT, description = "the segments folder the server uses") Path segments;

    @Override
    public void run() {
        new ListSegments().list(this);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every live segment: id, size, origin, name.")
    static final class ListSegments implements Runnable {
        @ParentCommand SegmentsCommand parent;

        @Override
        public void run() {
            list(parent);
        }

        void list(SegmentsCommand p) {
            try (NudgeRuntime rt = NudgeRuntime.open(p.data, p.segments, InstantSource.system(), 1000)) {
                SegmentReads reads = new SegmentReads(rt.store());
                for (SegmentDefinition d : rt.definitions().list()) {
                    System.out.printf("%-28s %10d  %-8s %s%n", d.id(), reads.size(d.id()), rt.definitions().origin(d.id()), d.name());
                }
            }
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Write the shipped default segments into DIR as YAML files to edit (existing files are kept).")
    static final class Init implements Callable<Integer> {
        @Parameters(paramLabel = "DIR") Path dir;

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(dir);
            int written = 0;
            for (var e : DefaultSegments.texts().entrySet()) {
                Path f = dir.resolve(e.getKey());
                if (Files.exists(f)) continue;
                Files.writeString(f, e.getValue());
                written++;
            }
            System.out.println(written + " segment file(s) written to " + dir + "; run the server with --segments " + dir);
            return 0;
        }
    }

    @Command(name = "backfill", mixinStandardHelpOptions = true, description = "Bring every profile's memberships up to the current segments, with a progress bar.")
    static final class BackfillNow implements Callable<Integer> {
        @ParentCommand SegmentsCommand parent;

        @Override
        public Integer call() throws Exception {
            try (NudgeRuntime rt = NudgeRuntime.open(parent.data, parent.segments, InstantSource.system(), 100_000)) {
                Future<Backfill.Progress> run = rt.definitions().startBackfill();
                long started = System.nanoTime();
                while (!run.isDone()) {
                    Backfill.Progress p = rt.definitions().progress();
                    double frac = p.total() <= 0 ? 0 : Math.min(1.0, p.done() / (double) p.total());
                    int filled = (int) (frac * 30);
                    System.err.printf("\r[%s%s] %,d / ~%,d profiles ", "#".repeat(filled), ".".repeat(30 - filled), p.done(), p.total());
                    Thread.sleep(300);
                }
                Backfill.Progress p = run.get();
                System.err.println();
                System.out.printf("backfill: %,d profiles, %,d rebuilt in %.1f s%n", p.done(), p.rebuilt(), (System.nanoTime() - started) / 1e9);
            }
            return 0;
        }
    }
}
