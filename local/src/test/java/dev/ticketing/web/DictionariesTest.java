package dev.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pages' dictionaries ({@code web/i18n/<lang>.js}, see {@code web/i18n.js}) say the same things: every language
 * has every key, with the same placeholders; every key the pages use (a quoted {@code buyer.…}, {@code common.…}
 * key in {@code web/*.js}, a {@code data-i18n} attribute in {@code web/*.html}) is in the English one; and a
 * language is one file plus its code in {@code SUPPORTED}, nothing else.
 */
class DictionariesTest {
    private static final Path WEB = Path.of("..", "web");
    /** A dictionary line: {@code 'key': 'text',} (either quote). */
    private static final Pattern ENTRY = Pattern.compile(
            "^\\s*(['\"])([^'\"]+)\\1\\s*:\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\")\\s*,?\\s*$");
    /** A key as the page's scripts name it: quoted, namespaced, with no `${…}` in it. */
    private static final Pattern USED_KEY = Pattern.compile("['\"`]((?:common|buyer)\\.[A-Za-z0-9_.-]+)['\"`]");
    private static final Pattern DATA_I18N = Pattern.compile("data-i18n(?:-[a-z-]+)?=\"([^\"]+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)\\}");

    @Test
    void everyLanguageHasEveryEnglishKeyAndNoOther() throws IOException {
        Map<String, String> english = dictionary("en");
        for (String language : languages()) {
            assertThat(dictionary(language).keySet()).as("keys of %s.js", language)
                    .containsExactlyInAnyOrderElementsOf(english.keySet());
        }
    }

    @Test
    void aTextKeepsItsPlaceholdersInEveryLanguage() throws IOException {
        Map<String, String> english = dictionary("en");
        for (String language : languages()) {
            dictionary(language).forEach((key, text) -> {
                if (english.containsKey(key)) {
                    assertThat(placeholders(text)).as("%s in %s.js", key, language).isEqualTo(placeholders(english.get(key)));
                }
            });
        }
    }

    @Test
    void everyKeyThePagesUseIsInTheEnglishDictionary() throws IOException {
        Map<String, String> english = dictionary("en");
        List<String> missing = new ArrayList<>();
        for (Path file : webFiles(".js")) {
            for (String key : found(USED_KEY, withoutComments(Files.readString(file)))) {
                // a plural is asked for by its stem: tn('buyer.seats.count', n) reads buyer.seats.count.one/.other
                if (!english.containsKey(key) && !english.containsKey(key + ".other")) {
                    missing.add(file.getFileName() + ": " + key);
                }
            }
        }
        for (Path file : webFiles(".html")) {
            for (String key : found(DATA_I18N, Files.readString(file))) {
                if (!english.containsKey(key)) {
                    missing.add(file.getFileName() + ": " + key);
                }
            }
        }
        assertThat(missing).as("keys used but not in web/i18n/en.js").isEmpty();
    }

    @Test
    void aLanguageIsOneFileAndItsCodeInSupported() throws IOException {
        String i18n = Files.readString(WEB.resolve("i18n.js"));
        Matcher supported = Pattern.compile("export const SUPPORTED = \\{([^}]*)\\}").matcher(i18n);
        assertThat(supported.find()).as("SUPPORTED in i18n.js").isTrue();
        Set<String> codes = Stream.of(supported.group(1).split(",")).map(String::trim).filter(code -> !code.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(codes).isEqualTo(new TreeSet<>(languages()));
        for (String code : codes) {
            assertThat(i18n).contains("import " + code + " from './i18n/" + code + ".js';");
            // the switch names every language in its own words
            assertThat(dictionary(code)).containsKey("common.language." + code);
            assertThat(dictionary("en")).containsKey("common.language." + code);
        }
    }

    /** The languages there is a file for in web/i18n/. */
    private static List<String> languages() throws IOException {
        try (Stream<Path> files = Files.list(WEB.resolve("i18n"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".js"))
                    .map(name -> name.substring(0, name.length() - 3)).sorted().toList();
        }
    }

    /** The entries of web/i18n/{language}.js, in order; a line that is neither an entry nor a comment fails. */
    private static Map<String, String> dictionary(String language) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(WEB.resolve("i18n").resolve(language + ".js"))) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("//") || trimmed.equals("export default {") || trimmed.equals("};")) {
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            assertThat(entry.matches()).as("a dictionary entry of %s.js, one a line: %s", language, line).isTrue();
            String text = entry.group(3) != null ? entry.group(3) : entry.group(4);
            assertThat(entries.put(entry.group(2), text)).as("%s twice in %s.js", entry.group(2), language).isNull();
        }
        return entries;
    }

    private static Set<String> placeholders(String text) {
        return found(PLACEHOLDER, text);
    }

    private static Set<String> found(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** The script without its comment lines (they quote keys as examples). */
    private static String withoutComments(String script) {
        return script.lines().filter(line -> {
            String trimmed = line.trim();
            return !trimmed.startsWith("//") && !trimmed.startsWith("*") && !trimmed.startsWith("/*");
        }).collect(Collectors.joining("\n"));
    }

    private static List<Path> webFiles(String extension) throws IOException {
        try (Stream<Path> files = Files.list(WEB)) {
            return files.filter(file -> file.getFileName().toString().endsWith(extension)).sorted().toList();
        }
    }
}
