package dev.nudge.server.webhook;

import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The webhook HTTP client's only way from a host name to socket addresses: the answer is
 * {@link AddressGuard#addresses}, so the client connects to exactly the addresses that were checked,
 * in that same lookup. The lookup blocks, so it runs on the client's executor, never on the thread
 * that asked (which may be a selector).
 */
final class GuardedResolver implements SocketAddressResolver {
    private final AddressGuard guard;
    private final Executor executor;

    GuardedResolver(AddressGuard guard, Executor executor) {
        this.guard = guard;
        this.executor = executor;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        executor.execute(() -> {
            try {
                List<InetSocketAddress> out = new ArrayList<>();
                for (InetAddress a : guard.addresses(host)) out.add(new InetSocketAddress(a, port));
                promise.succeeded(out);
            } catch (RuntimeException e) {
                promise.failed(e);
            }
        });
    }
}
