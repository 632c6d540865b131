package dev.nudge.server.cli;

import dev.nudge.server.auth.AllowedOrigins;
import dev.nudge.server.auth.Credentials;
import dev.nudge.server.auth.KeyAdmin;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.ingest.IngestWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "List, create or revoke write keys and admin tokens, and set the web origins a write key allows (the server must be stopped).",
        subcommands = {KeysCommand.ListKeys.class, KeysCommand.Create.class, KeysCommand.Revoke.class, KeysCommand.Origins.class})
public final class KeysCommand implements Runnable {
    @Option(names = "--data", defaultValue = "nudge-data", scope = picocli.CommandLine.ScopeType.INHERIT, description = "data folder")
    Path data;

    @Override
    public void run() {
        new ListKeys().run(data);
    }

    private static <T> T withWriter(Path data, java.util.function.BiFunction<NudgeStore, KeyAdmin, T> f) {
        try (NudgeStore store = NudgeStore.open(data);
             IngestWriter writer = new IngestWriter(store, List.of(), 1000)) {
            return f.apply(store, new KeyAdmin(writer, Credentials.load(store, Map.of())));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List credentials (admin tokens by the hash they are stored under).")
    static final class ListKeys implements Runnable {
        @picocli.CommandLine.ParentCommand KeysCommand parent;

        @Override
        public void run() {
            run(parent.data);
        }

        void run(Path data) {
            withWriter(data, (store, admin) -> {
                List<Credentials.Credential> all = Credentials.list(store);
                if (all.isEmpty()) System.out.println("no credentials yet; `nudge serve` creates a pair on first start, or use `nudge keys create`");
                for (Credentials.Credential c : all) {
                    boolean write = c.kind() == Credentials.Kind.WRITE;
                    System.out.printf("%-6s %-66s created %s%s%s%s%n", write ? "write" : "admin", c.id(), c.created(),
                            write ? "  id " + Credentials.publicId(c.id()) : "", c.revoked() ? "  REVOKED" : "",
                            write ? "  origins: " + c.origins() : "");
                }
                return null;
            });
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a write key (default) or an admin token (--admin).")
    static final class Create implements Runnable {
        @picocli.CommandLine.ParentCommand KeysCommand parent;
        @Option(names = "--admin", description = "create an admin token instead of a write key") boolean admin;
        @Option(names = "--origin", paramLabel = "ORIGIN",
                description = "a web origin whose pages may send with the new write key, e.g. https://shop.example.com or https://*.shop.example.com; repeat for more (default: any origin)")
        List<String> origins = List.of();

        @Override
        public void run() {
            if (admin && !origins.isEmpty()) throw new IllegalArgumentException("--origin applies to write keys; an admin token is never used from a page");
            AllowedOrigins allowed = new AllowedOrigins(origins);
            String secret = withWriter(parent.data, (store, a) -> a.create(admin ? Credentials.Kind.ADMIN : Credentials.Kind.WRITE, allowed));
            System.out.println(secret);
        }
    }

    @Command(name = "origins", mixinStandardHelpOptions = true, description = {
            "Show or change the web origins whose pages may send events with a write key (browsers only: the",
            "server-side and mobile libraries send no Origin). With no option, shows them."})
    static final class Origins implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.ParentCommand KeysCommand parent;
        @Parameters(index = "0", paramLabel = "WRITE_KEY") String key;
        @Option(names = "--add", paramLabel = "ORIGIN", description = "allow this origin too (repeatable)") List<String> add = List.of();
        @Option(names = "--remove", paramLabel = "ORIGIN", description = "stop allowing this origin (repeatable)") List<String> remove = List.of();
        @Option(names = "--any", description = "allow any origin (the default of a new key)") boolean any;

        @Override
        public Integer call() {
            if (any && !(add.isEmpty() && remove.isEmpty())) throw new IllegalArgumentException("--any replaces the list; use it without --add or --remove");
            return withWriter(parent.data, (store, admin) -> {
                Credentials.Credential c = Credentials.list(store).stream()
                        .filter(k -> k.kind() == Credentials.Kind.WRITE && k.id().equals(key)).findFirst().orElse(null);
                if (c == null) {
                    System.out.println("no such write key; `nudge keys list` shows them");
                    return 1;
                }
                AllowedOrigins next = c.origins();
                if (any) next = AllowedOrigins.ANY;
                if (!add.isEmpty() || !remove.isEmpty()) {
                    java.util.List<String> entries = new java.util.ArrayList<>(next.entries());
                    entries.addAll(new AllowedOrigins(add).entries());
                    entries.removeAll(new AllowedOrigins(remove).entries());
                    if (entries.isEmpty() && !next.isAny()) {
                        System.out.println("that would leave no origin, which means any origin; say --any if that is what you want");
                        return 1;
                    }
                    next = new AllowedOrigins(entries);
                }
                if (!next.equals(c.origins())) admin.allowOrigins(key, next);
                System.out.println("origins: " + next);
                return 0;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a credential by its secret or by the id `keys list` shows.")
    static final class Revoke implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.ParentCommand KeysCommand parent;
        @Parameters(paramLabel = "KEY") String key;

        @Override
        public Integer call() {
            boolean ok = withWriter(parent.data, (store, a) -> a.revoke(key));
            System.out.println(ok ? "revoked" : "no such credential; `nudge keys list` shows them");
            return ok ? 0 : 1;
        }
    }
}
