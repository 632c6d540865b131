package dev.nudge.server.cli;

import dev.nudge.core.flow.lang.FlowContext;
import dev.nudge.core.flow.lang.FlowParseResult;
import dev.nudge.core.flow.lang.FlowParser;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check segment and flow files (a folder or single files) and print every problem with file:line:col, the line, a caret and a hint.",
                "A file whose top level has `trigger:` or `steps:` is a flow (docs/flows.md); any other is a segment.",
                "References may point at the shipped default segments. Exit code 1 when there is any problem."})
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "segment and flow YAML/JSON files or folders") List<Path> paths;
    @Option(names = "--no-defaults", description = "do not let references resolve to the shipped default segments") boolean noDefaults;
    @Option(names = "--templates", paramLabel = "DIR", description = "templates folder (NAME.liquid or NAME.html): flows' `send` steps must name one; without it template names are not checked")
    Path templates;
    @Option(names = "--allow-private-webhooks", description = "let flow webhooks name literal loopback/private addresses (as the server with " + "NUDGE_WEBHOOKS_ALLOW_PRIVATE=1)")
    boolean allowPrivateWebhooks;

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
        if (templates != null && !Files.isDirectory(templates)) {
            System.err.println("nudge: --templates " + templates + " is not a folder");
            return 2;
        }
        Map<String, String> flows = new LinkedHashMap<>();
        texts.forEach((file, text) -> { if (FlowParser.isFlow(text)) flows.put(file, text); });
        texts.keySet().removeAll(flows.keySet());
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
        List<Issue> issues = new ArrayList<>(SegmentCatalog.validate(all));
        issues.addAll(validateFlows(flows, all));
        for (Issue i : issues) System.out.println(i + "\n");
        if (!flows.isEmpty() && templates == null) System.out.println("note: template names in flows not checked (no --templates folder given)");
        if (issues.isEmpty()) {
            System.out.println("ok: " + texts.size() + " segment file(s) valid" + (flows.isEmpty() ? "" : "; " + flows.size() + " flow file(s) valid"));
            return 0;
        }
        System.out.println(issues.size() + " problem(s)");
        return 1;
    }

    /** Flows are checked against every segment id of the catalog and, with --templates, the template names. */
    private List<Issue> validateFlows(Map<String, String> flows, Map<String, String> segmentTexts) throws java.io.IOException {
        if (flows.isEmpty()) return List.of();
        Set<String> segmentIds = new HashSet<>();
        segmentTexts.forEach((src, text) -> {
            ParseResult r = SegmentParser.parse(src, text);
            if (r.ok()) segmentIds.add(r.definition().id());
        });
        FlowContext context = FlowContext.of(templates == null ? null : templateNames(templates), segmentIds, allowPrivateWebhooks);
        List<Issue> issues = new ArrayList<>();
        Map<String, String> flowIds = new LinkedHashMap<>();
        for (var e : flows.entrySet()) {
            FlowParseResult r = FlowParser.parse(e.getKey(), e.getValue(), context);
            issues.addAll(r.issues());
            if (r.ok()) {
                String other = flowIds.putIfAbsent(r.definition().id(), e.getKey());
                if (other != null) {
                    issues.add(new Issue(e.getKey(), 1, 1, "duplicate flow id `" + r.definition().id() + "` (also in " + other + ")", "give each flow its own id", ""));
                }
            }
        }
        return issues;
    }

    /** Template names as the mailer loads them: relative paths without extension, minus layouts/ and partials/. */
    static Set<String> templateNames(Path dir) throws java.io.IOException {
        Set<String> names = new HashSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (rel.startsWith("layouts/") || rel.startsWith("partials/")) continue;
                if (rel.endsWith(".liquid")) names.add(rel.substring(0, rel.length() - ".liquid".length()));
                else if (rel.endsWith(".html")) names.add(rel.substring(0, rel.length() - ".html".length()));
            }
        }
        return names;
    }
}
