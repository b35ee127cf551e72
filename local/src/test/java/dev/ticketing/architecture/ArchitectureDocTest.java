package dev.ticketing.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md stays true to the code: its package tables list exactly the packages of the production
 * classes (so a package added to the code and not to the page fails here), and each row's "Depends on" is exactly
 * the set of other {@code dev.ticketing} packages its classes use, as ArchUnit reads them from the bytecode. The
 * bench module's package is not on this module's class path (bench depends on local) and is left out, as the page
 * says. And every relative link in README.md and docs/*.md points to a file that exists (and, with a {@code #},
 * to a heading of it).
 */
class ArchitectureDocTest {
    private static final Path ROOT = Path.of("..");
    private static final String PREFIX = "dev.ticketing.";
    /** A table row whose first cell is a package: {@code | `dev.ticketing.x` | what | `a`, `b` |}. */
    private static final Pattern PACKAGE_ROW = Pattern.compile("^\\|\\s*`(dev\\.ticketing(?:\\.[a-z0-9]+)+)`\\s*\\|(.*)\\|\\s*$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    /** A markdown link or image {@code [text](target)}, and an HTML {@code src}/{@code href}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)|(?:src|href)=\"([^\"]+)\"");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // the same classes PackageDependenciesTest checks
        classes = ProductionClasses.imported();
    }

    @Test
    void thePackageTablesListExactlyThePackagesOfTheCode() throws IOException {
        Set<String> inCode = realDependencies().keySet();
        assertThat(inCode).as("the classes of shared, lambda-support, the functions and local are imported")
                .contains("dev.ticketing.holds.transaction", "dev.ticketing.lambda", "dev.ticketing.api.holds",
                        "dev.ticketing.local");
        Set<String> inDoc = documentedDependencies().keySet();

        Set<String> undocumented = new TreeSet<>(inCode);
        undocumented.removeAll(inDoc);
        Set<String> gone = new TreeSet<>(inDoc);
        gone.removeAll(inCode);
        assertThat(undocumented).as("packages in the code that docs/architecture.md does not list (add a row)").isEmpty();
        assertThat(gone).as("packages docs/architecture.md lists that the code does not have (remove the row)").isEmpty();
    }

    @Test
    void eachPackageDependsOnWhatItsRowSays() throws IOException {
        Map<String, Set<String>> real = realDependencies();
        List<String> wrong = new ArrayList<>();
        documentedDependencies().forEach((pkg, documented) -> {
            Set<String> actual = real.get(pkg);
            if (actual != null && !actual.equals(documented)) {
                wrong.add(pkg + " depends on " + cell(actual) + ", the page says " + cell(documented));
            }
        });
        assertThat(wrong).as("'Depends on' in docs/architecture.md").isEmpty();
    }

    @Test
    void everyRelativeLinkInTheDocsResolves() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertThat(pages).hasSizeGreaterThan(5);
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            for (String target : links(page)) {
                String problem = brokenBecause(page, target);
                if (problem != null) {
                    broken.add(ROOT.relativize(page) + ": " + target + " (" + problem + ")");
                }
            }
        }
        assertThat(broken).as("links to local files that do not resolve").isEmpty();
    }

    /** Each production package, and the other dev.ticketing packages its classes use directly. */
    private static Map<String, Set<String>> realDependencies() {
        Map<String, Set<String>> dependencies = new TreeMap<>();
        for (JavaClass javaClass : classes) {
            String pkg = javaClass.getPackageName();
            if (pkg.equals("dev.ticketing.bench") || pkg.startsWith("dev.ticketing.bench.")) {
                continue;
            }
            Set<String> uses = dependencies.computeIfAbsent(pkg, p -> new TreeSet<>());
            for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                String target = dependency.getTargetClass().getPackageName();
                if (target.startsWith(PREFIX) && !target.equals(pkg)) {
                    uses.add(target);
                }
            }
        }
        return dependencies;
    }

    /** The rows of the page's package tables: package -> its "Depends on" (the last cell), prefixed again. */
    private static Map<String, Set<String>> documentedDependencies() throws IOException {
        Map<String, Set<String>> rows = new TreeMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("docs/architecture.md"))) {
            Matcher row = PACKAGE_ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            String[] cells = row.group(2).split("\\|");
            String dependsOn = cells[cells.length - 1];
            Set<String> uses = new TreeSet<>();
            Matcher names = CODE.matcher(dependsOn);
            while (names.find()) {
                uses.add(PREFIX + names.group(1));
            }
            assertThat(rows.put(row.group(1), uses)).as("%s has one row", row.group(1)).isNull();
        }
        return rows;
    }

    /** How a "Depends on" cell would say these packages. */
    private static String cell(Set<String> packages) {
        if (packages.isEmpty()) {
            return "—";
        }
        return String.join(", ", packages.stream().map(p -> "`" + p.substring(PREFIX.length()) + "`").toList());
    }

    /** The link targets of a page, outside code. */
    private static List<String> links(Path page) throws IOException {
        List<String> targets = new ArrayList<>();
        for (String line : prose(page)) {
            Matcher link = LINK.matcher(line.replaceAll("``?[^`]*``?", ""));
            while (link.find()) {
                targets.add(link.group(1) != null ? link.group(1) : link.group(2));
            }
        }
        return targets;
    }

    /** A page's lines outside fenced code blocks. */
    private static List<String> prose(Path page) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Why a link does not resolve, or null when it does (links to other sites are not followed). */
    private static String brokenBecause(Path page, String target) throws IOException {
        if (target.matches("^[a-zA-Z][a-zA-Z+.-]*:.*")) {
            return null;
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (hash < 0) {
            return null;
        }
        if (!resolved.toString().endsWith(".md")) {
            return "an anchor in a file that is not markdown";
        }
        String anchor = target.substring(hash + 1);
        return anchors(resolved).contains(anchor) ? null : "no heading #" + anchor;
    }

    /** The anchors GitHub makes of a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        for (String line : prose(page)) {
            if (!line.startsWith("#")) {
                continue;
            }
            String slug = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            String unique = slug;
            for (int n = 1; !anchors.add(unique); n++) {
                unique = slug + "-" + n;
            }
        }
        return anchors;
    }
}
