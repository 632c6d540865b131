package dev.nudge.server.cli.intel;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/** Opens the analyst's input files, decompressing {@code .xz} and {@code .gz} by their extension. */
final class InputFiles {

    private InputFiles() {}

    static BufferedReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file; give the path of a readable file");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".xz")) in = new XZInputStream(in);
        else if (name.endsWith(".gz")) in = new GZIPInputStream(in);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        r.mark(1);
        if (r.read() != '\uFEFF') r.reset(); // a spreadsheet's byte order mark is not part of the first header
        return r;
    }

    static List<String> lines(Path file) throws IOException {
        return head(file, Integer.MAX_VALUE);
    }

    /** The first {@code max} lines (all of them when the file is shorter). */
    static List<String> head(Path file, int max) throws IOException {
        try (BufferedReader r = open(file)) {
            List<String> out = new ArrayList<>();
            for (String line = r.readLine(); line != null && out.size() < max; line = r.readLine()) out.add(line);
            return out;
        }
    }
}
