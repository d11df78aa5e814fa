package dev.imagerestore.it.process;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Reads a JobManager's REST API on loopback ({@code /overview}, {@code /taskmanagers},
 * {@code /jobs/overview}) and waits for conditions on it with deadlines instead of sleeps.
 *
 * <p>Threading: safe for use from several threads (the HTTP client is).
 */
final class FlinkRest {

    private static final Duration POLL = Duration.ofMillis(250);

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FlinkRest(int port) {
        this.base = URI.create("http://localhost:" + port);
    }

    URI base() {
        return base;
    }

    /** GET {@code path} (e.g. {@code /overview}) as a JSON object; fails on a status other than 200. */
    JsonObject get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(
                    "GET " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    /**
     * Polls {@code path} until {@code condition} holds and returns that answer. Fails when
     * {@code timeout} passes, or at once when {@code stillWorthWaiting} turns false (a cluster
     * process died), with the last answer or error in the message.
     */
    JsonObject await(String path, Predicate<JsonObject> condition, Duration timeout, BooleanSupplier stillWorthWaiting)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!stillWorthWaiting.getAsBoolean()) {
                throw new AssertionError(
                        "a cluster process ended while waiting for GET " + path + " (last answer: " + last + ")");
            }
            try {
                JsonObject answer = get(path);
                if (condition.test(answer)) {
                    return answer;
                }
                last = answer.toString();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError("GET " + base.resolve(path) + " did not reach the expected state within " + timeout
                + " (last answer: " + last + ")");
    }
}
