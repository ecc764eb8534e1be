package dev.entrada.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Source checks on the web UI that the strict CSP and the no-HTML-injection rule depend on. */
class StaticFilesTest {

    private static final Path STATIC = Path.of("src/main/resources/static");

    private static final Pattern HTML_SINKS = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write");

    @Test
    void noFileWritesHtmlFromStrings() throws IOException {
        List<Path> files = files();
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        for (Path file : files) {
            assertThat(HTML_SINKS.matcher(read(file)).find()).as(file + " uses an HTML sink").isFalse();
        }
    }

    @Test
    void pagesHaveNoInlineScriptStyleOrHandlersAndNothingExternal() throws IOException {
        List<Path> pages = files().stream().filter(file -> file.toString().endsWith(".html")).toList();
        assertThat(pages).hasSize(5);
        for (Path page : pages) {
            String html = read(page);
            assertThat(html).as(page + ": inline script").doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
            assertThat(html).as(page + ": style element").doesNotContain("<style");
            assertThat(html).as(page + ": style attribute").doesNotContainPattern("\\sstyle=");
            assertThat(html).as(page + ": event handler attribute").doesNotContainPattern("\\son[a-z]+=");
        }
        for (Path file : files()) {
            assertThat(read(file)).as(file + ": external resource").doesNotContainPattern("(src|href|url\\()\\s*=?\\s*[\"']?(https?:)?//");
        }
    }

    private static List<Path> files() throws IOException {
        assertThat(STATIC).isDirectory();
        try (Stream<Path> walk = Files.walk(STATIC)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
