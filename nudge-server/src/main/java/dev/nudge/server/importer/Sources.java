package dev.nudge.server.importer;

import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/** Opens import files, decompressing {@code .xz} and {@code .gz}, and counts compressed bytes read for the progress bar. */
final class Sources {
    private Sources() {}

    static InputStream open(Path file, AtomicLong bytesRead) throws IOException {
        InputStream raw = new FilterInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            @Override public int read() throws IOException {
                int b = super.read();
                if (b >= 0) bytesRead.incrementAndGet();
                return b;
            }

            @Override public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) bytesRead.addAndGet(n);
                return n;
            }
        };
        String name = file.getFileName().toString();
        if (name.endsWith(".xz")) return withoutBom(new BufferedInputStream(new XZInputStream(raw), 1 << 16));
        if (name.endsWith(".gz")) return withoutBom(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
        return withoutBom(raw);
    }

    /**
     * Skips a UTF-8 byte order mark (EF BB BF) at the start of the (decompressed) text. Spreadsheet
     * exports write one; left in, it becomes part of the first column's name, so a mapping naming that
     * column fails, and the first NDJSON line is unreadable.
     */
    static InputStream withoutBom(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 3);
        byte[] head = p.readNBytes(3);
        boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (!bom) p.unread(head);
        return p;
    }

    /** The format a file name suggests, for when --format is not given. */
    static String guessFormat(Path file) {
        String n = file.getFileName().toString().replaceAll("\\.(xz|gz)$", "");
        if (n.endsWith(".csv")) return "csv";
        if (n.endsWith(".ndjson") || n.endsWith(".jsonl")) return "ndjson";
        if (n.endsWith(".json")) return "batch";
        return null;
    }
}
