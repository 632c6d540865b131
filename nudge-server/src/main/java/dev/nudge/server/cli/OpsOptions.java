package dev.nudge.server.cli;

import dev.nudge.server.NudgeServer;
import dev.nudge.server.net.ClientAddress;
import dev.nudge.server.ops.LogFormat;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;

/**
 * The operations options of {@code nudge serve}: reverse proxy, metrics listener, log format. Like
 * {@link MailOptions} they are copied into the environment map under the server's names, so an
 * option and its variable are one setting (the option wins).
 */
final class OpsOptions {
    @Option(names = "--trusted-proxies", paramLabel = "CIDR[,CIDR...]",
            description = "reverse proxies whose forwarding header is believed, e.g. 127.0.0.1/32,10.0.0.0/8 (default: none; the header is ignored)")
    String trustedProxies;

    @Option(names = "--forwarded-header", paramLabel = "x-forwarded-for|forwarded",
            description = "the header those proxies append the client address to (default: x-forwarded-for)")
    String forwardedHeader;

    @Option(names = "--metrics-port", description = "also serve GET /metrics on this port, without the admin token (default: off; "
            + "/metrics on the main port always needs the token)")
    Integer metricsPort;

    @Option(names = "--metrics-host", description = "address of the --metrics-port listener (default: --host)")
    String metricsHost;

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text", description = "log lines as text or one JSON object each (default: ${DEFAULT-VALUE})")
    String logFormat;

    /** Checks the values before anything opens: a typo fails at once, with what to write. */
    LogFormat logFormat() {
        return LogFormat.parse(logFormat);
    }

    Map<String, String> env(Map<String, String> base) {
        Map<String, String> env = new HashMap<>(base);
        if (trustedProxies != null) env.put(ClientAddress.TRUSTED_PROXIES, trustedProxies);
        if (forwardedHeader != null) env.put(ClientAddress.FORWARDED_HEADER, forwardedHeader);
        if (metricsPort != null) env.put(NudgeServer.METRICS_PORT, metricsPort.toString());
        if (metricsHost != null) env.put(NudgeServer.METRICS_HOST, metricsHost);
        ClientAddress.from(env);
        return env;
    }
}
