package dev.ticketing.local.http;

import dev.ticketing.local.template.SamTemplate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Matches a request to a template route as API Gateway does: the most specific path wins. */
final class RouteTable {
    record Match(SamTemplate.Route route, Map<String, String> pathParameters) {
        String routeKey() {
            return route.method() + " " + route.path();
        }
    }

    private record CompiledRoute(SamTemplate.Route route, Pattern pattern, List<String> names, int literalLength) {
    }

    private final List<CompiledRoute> routes;

    RouteTable(List<SamTemplate.Route> routes) {
        this.routes = routes.stream()
                .map(RouteTable::compile)
                .sorted(Comparator.comparingInt(CompiledRoute::literalLength).reversed())
                .toList();
    }

    private static CompiledRoute compile(SamTemplate.Route route) {
        StringBuilder regex = new StringBuilder();
        List<String> names = new java.util.ArrayList<>();
        Matcher parameter = Pattern.compile("\\{([^}+]+)(\\+?)}").matcher(route.path());
        int last = 0;
        int literal = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(route.path().substring(last, parameter.start())));
            literal += parameter.start() - last;
            regex.append(parameter.group(2).isEmpty() ? "([^/]+)" : "(.+)");
            names.add(parameter.group(1));
            last = parameter.end();
        }
        regex.append(Pattern.quote(route.path().substring(last)));
        literal += route.path().length() - last;
        return new CompiledRoute(route, Pattern.compile(regex.toString()), names, literal);
    }

    /** The route for this method and path; a path that exists with another method is reported by {@link #pathExists}. */
    Optional<Match> match(String method, String path) {
        for (CompiledRoute compiled : routes) {
            Matcher matcher = compiled.pattern().matcher(path);
            if ((compiled.route().method().equals(method) || compiled.route().method().equals("ANY")) && matcher.matches()) {
                Map<String, String> parameters = new LinkedHashMap<>();
                for (int i = 0; i < compiled.names().size(); i++) {
                    parameters.put(compiled.names().get(i), java.net.URLDecoder.decode(matcher.group(i + 1),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
                return Optional.of(new Match(compiled.route(), parameters));
            }
        }
        return Optional.empty();
    }

    boolean pathExists(String path) {
        return routes.stream().anyMatch(compiled -> compiled.pattern().matcher(path).matches());
    }
}
