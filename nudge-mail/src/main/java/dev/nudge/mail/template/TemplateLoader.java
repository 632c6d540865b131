package dev.nudge.mail.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds template sources by name. Names are relative paths without extension: {@code welcome},
 * {@code layouts/base}, {@code partials/footer}. A layout named in front matter is looked up under
 * {@code layouts/}; {@code {% include 'footer' %}} under {@code partials/}.
 */
@FunctionalInterface
public interface TemplateLoader {
    Optional<String> load(String name);

    static TemplateLoader of(Map<String, String> sources) {
        Map<String, String> copy = Map.copyOf(sources);
        return name -> Optional.ofNullable(copy.get(name));
    }

    /** Files {@code dir/NAME.liquid}, else {@code dir/NAME.html}; names may not escape {@code dir}. */
    static TemplateLoader directory(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        return name -> {
            for (String ext : new String[] {".liquid", ".html"}) {
                Path p = root.resolve(name + ext).normalize();
                if (!p.startsWith(root)) {
                    throw new IllegalArgumentException("template name '" + name + "' points outside " + root);
                }
                if (Files.isRegularFile(p)) {
                    try {
                        return Optional.of(Files.readString(p));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read template " + p, e);
                    }
                }
            }
            return Optional.empty();
        };
    }
}
