package dev.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local stack serves the seat-map page from its classpath, next to the API and without shadowing it. */
class WebPageServingIT {
    private final Api api = TestStack.api();

    @Test
    void theIndexIsServedAtTheRootAndTheAssetsUnderWeb() {
        Api.Response index = api.get("/", null);
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.contentType()).startsWith("text/html");
        assertThat(index.body()).contains("<script type=\"module\" src=\"/web/app.js\">");
        assertThat(index.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
        assertThat(api.get("/index.html", null).body()).isEqualTo(index.body());

        assertThat(api.get("/web/app.js", null).contentType()).startsWith("text/javascript");
        assertThat(api.get("/web/app.css", null).contentType()).startsWith("text/css");
        assertThat(api.get("/web/favicon.svg", null).contentType()).isEqualTo("image/svg+xml");
        assertThat(api.send("HEAD", "/web/app.js", null, null, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void anUnchangedFileAnswers304AndBrowsersAlwaysRevalidate() {
        Api.Response first = api.get("/web/app.js", null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");

        Api.Response again = api.send("GET", "/web/app.js", null, null, Map.of("If-None-Match", etag));

        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void missingFilesAndPathsLeavingTheFolderAnswer404Problems() {
        for (String path : new String[] {"/web/nope.js", "/web/../template.yaml", "/web/%2e%2e/template.yaml",
                "/web/..%2ftemplate.yaml", "/web/.hidden", "/web/", "/web//app.js", "/web/dev/ticketing/local/LocalMain.class",
                "/web/logback-local.xml"}) {
            Api.Response answer = api.get(path, null);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.contentType()).as(path).isEqualTo("application/problem+json");
            assertThat(answer.body()).as(path).doesNotContain("AWSTemplateFormatVersion");
        }
        assertThat(api.post("/web/app.js", null, "{}").status()).isEqualTo(405);
    }

    @Test
    void theApiKeepsEveryOtherPath() {
        assertThat(api.get("/me/tickets", null).status()).as("still the API, so a token is needed").isEqualTo(401);
        assertThat(api.get("/health", null).status()).isEqualTo(200);
        assertThat(api.post("/webhooks/paypal", null, "{}").contentType())
                .as("/web/ is mounted with its slash, so /webhooks/... is not taken for a file")
                .isEqualTo("application/problem+json");
        assertThat(api.post("/webhooks/paypal", null, "{}").body()).doesNotContain("static files");
    }
}
