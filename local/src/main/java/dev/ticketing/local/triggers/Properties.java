package dev.ticketing.local.triggers;

import java.util.List;
import java.util.Map;

/** Reading an event's {@code Properties} of template.yaml (as SnakeYAML parsed them) with the defaults SAM uses. */
final class Properties {
    private Properties() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    static List<?> list(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof List<?> list ? list : List.of();
    }

    static int number(Map<String, Object> properties, String key, int fallback) {
        Object value = properties.get(key);
        return value == null ? fallback : Integer.parseInt(String.valueOf(value).trim());
    }

    static boolean flag(Map<String, Object> properties, String key, boolean fallback) {
        Object value = properties.get(key);
        return value == null ? fallback : Boolean.parseBoolean(String.valueOf(value).trim());
    }

    /** The logical id X of {@code !GetAtt X.<attribute>}. */
    static String getAttOf(Object value, String attribute) {
        if (value instanceof Map<?, ?> function && function.get("Fn::GetAtt") instanceof List<?> target
                && target.size() == 2 && attribute.equals(target.get(1))) {
            return String.valueOf(target.get(0));
        }
        throw new IllegalStateException("the local stack needs !GetAtt <LogicalId>." + attribute + " here, not " + value);
    }
}
