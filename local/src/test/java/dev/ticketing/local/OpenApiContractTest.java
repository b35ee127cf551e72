package dev.ticketing.local;

import dev.ticketing.local.template.SamTemplate;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docs/openapi.yaml documents every route that template.yaml deploys. */
class OpenApiContractTest {
    @Test
    @SuppressWarnings("unchecked")
    void everyDeployedRouteIsInThePublishedContract() throws Exception {
        Map<String, Object> openApi;
        try (InputStream in = Files.newInputStream(Path.of("../docs/openapi.yaml"))) {
            openApi = new Yaml().load(in);
        }
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) openApi.get("paths");

        for (SamTemplate.Route route : SamTemplate.fromClasspath().routes()) {
            assertThat(paths).as("path %s", route.path()).containsKey(route.path());
            assertThat(paths.get(route.path())).as("%s %s", route.method(), route.path())
                    .containsKey(route.method().toLowerCase(Locale.ROOT));
        }
    }
}
