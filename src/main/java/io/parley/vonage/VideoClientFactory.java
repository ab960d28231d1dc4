package io.parley.vonage;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import com.vonage.client.video.VideoClient;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

import java.time.Duration;

/**
 * Builds the SDK's video client. Parley supplies the HTTP client so that the connection pool matches its worker
 * pool, socket timeouts match {@code parley.vonage.timeout} (a worker is not held for the SDK's 60 s), and error
 * bodies are kept for {@link VonageErrors}.
 */
final class VideoClientFactory {

    private VideoClientFactory() {
    }

    static CloseableHttpClient httpClient(Duration timeout, int connections) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        RequestConfig requests = RequestConfig.custom()
                .setConnectTimeout(millis).setConnectionRequestTimeout(millis).setSocketTimeout(millis).build();
        return HttpClients.custom()
                .setDefaultRequestConfig(requests)
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .addInterceptorLast(new ErrorBodyCapture())
                .useSystemProperties()
                .build();
    }

    static VideoClient videoClient(VonageCredentials credentials, VonageConfig config, CloseableHttpClient http) {
        HttpConfig.Builder httpConfig = HttpConfig.builder()
                .timeoutMillis((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis()));
        config.videoBaseUrl().ifPresent(url -> httpConfig.videoBaseUri(stripTrailingSlash(url.toString())));
        return VonageClient.builder()
                .applicationId(credentials.applicationId())
                .privateKeyContents(credentials.privateKeyPem())
                .httpConfig(httpConfig.build())
                .httpClient(http)
                .build()
                .getVideoClient();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
