package dev.nudge.mail.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches an SNS signing certificate. Injected so tests can sign with their own key; the URL has
 * already been checked to be https on an {@code sns.<region>.amazonaws.com} host before this runs.
 */
@FunctionalInterface
public interface CertificateFetcher {
    X509Certificate fetch(URI url) throws IOException;

    /** The real fetcher: HTTPS GET, parsed as X.509 PEM, cached per URL (AWS rotates by changing the URL). */
    static CertificateFetcher https() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Map<URI, X509Certificate> cache = new ConcurrentHashMap<>();
        return url -> {
            X509Certificate c = cache.get(url);
            if (c != null) return c;
            try {
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) throw new IOException("GET " + url + " answered " + r.statusCode());
                c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(r.body()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted fetching " + url, e);
            } catch (CertificateException e) {
                throw new IOException("not an X.509 certificate at " + url, e);
            }
            cache.put(url, c);
            return c;
        };
    }
}
