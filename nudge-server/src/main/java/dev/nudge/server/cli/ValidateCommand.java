package dev.nudge.server.cli;

import dev.nudge.core.segment.DefaultSegments;
import dev.nudge.core.segment.SegmentCatalog;
import dev.nudge.core.segment.lang.Issue;
import dev.nudge.core.segment.lang.ParseResult;
import dev.nudge.core.segment.lang.SegmentParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check segment files (a folder or single files) and print every problem with file:line:col, the line, a caret and a hint.",
                "References may point at the shipped default segments. Exit code 1 when there is any problem."})
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "segment YAML/JSON files or folders") List<Path> paths;
    @Option(names = "--no-defaults", description = "do not let references resolve to the shipped default segments") boolean noDefaults;

    @Override
    public Integer call() throws Exception {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.list(p)) {
                    for (Path f : files.sorted().toList()) {
                        String n = f.getFileName().toString();
                        if (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json")) texts.put(f.toString(), Files.readString(f));
                    }
                }
            } else if (Files.isRegularFile(p)) {
                texts.put(p.toString(), Files.readString(p));
            } else {
                System.err.println("nudge: no such file or folder: " + p);
                return 2;
            }
        }
        if (texts.isEmpty()) {
            System.err.println("nudge: no .yaml, .yml or .json files in " + paths);
            return 2;
        }
        Set<String> ids = new HashSet<>();
        for (var e : texts.entrySet()) {
            ParseResult r = SegmentParser.parse(e.getKey(), e.getValue());
            if (r.ok()) ids.add(r.definition().id());
        }
        Map<String, String> all = new LinkedHashMap<>();
        if (!noDefaults) {
            DefaultSegments.texts().forEach((file, text) -> {
                String id = file.replaceAll("\\.yaml$", "");
                if (!ids.contains(id)) all.put("default:" + file, text);
            });
        }
        all.putAll(texts);
        List<Issue> issues = SegmentCatalog.validate(all);
        for (Issue i : issues) System.out.println(i + "\n");
        if (issues.isEmpty()) {
            System.out.println("ok: " + texts.size() + " segment file(s) valid");
            return 0;
        }
        System.out.println(issues.size() + " problem(s)");
        return 1;
    }
}
