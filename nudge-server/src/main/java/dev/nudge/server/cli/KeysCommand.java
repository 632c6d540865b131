package dev.nudge.server.cli;

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
        description = "List, create or revoke write keys and admin tokens (the server must be stopped).",
        subcommands = {KeysCommand.ListKeys.class, KeysCommand.Create.class, KeysCommand.Revoke.class})
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
                    System.out.printf("%-6s %-66s created %s%s%n", c.kind() == Credentials.Kind.WRITE ? "write" : "admin",
                            c.id(), c.created(), c.revoked() ? "  REVOKED" : "");
                }
                return null;
            });
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a write key (default) or an admin token (--admin).")
    static final class Create implements Runnable {
        @picocli.CommandLine.ParentCommand KeysCommand parent;
        @Option(names = "--admin", description = "create an admin token instead of a write key") boolean admin;

        @Override
        public void run() {
            String secret = withWriter(parent.data, (store, a) -> a.create(admin ? Credentials.Kind.ADMIN : Credentials.Kind.WRITE));
            System.out.println(secret);
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
