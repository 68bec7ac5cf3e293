package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies point down only: core knows neither the router nor LangChain4j, and never prints. */
final class ModuleBoundaryTest {

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void core_does_not_depend_on_the_modules_above_it() throws IOException {
        assertThat(mainSources()).isNotEmpty().allSatisfy(file -> assertThat(Files.readString(file))
                .as(file.toString())
                .doesNotContain("dev.langchain4j")
                .doesNotContain("ai.carbonbench.router")
                .doesNotContain("ai.carbonbench.langchain4j"));
    }

    @Test
    void core_logs_instead_of_printing() throws IOException {
        assertThat(mainSources()).allSatisfy(file -> assertThat(code(file)).as(file.toString())
                .doesNotContain("System.out").doesNotContain("System.err").doesNotContain("printStackTrace("));
    }

    /** The file without comment lines (Javadoc examples may show printing). */
    private static String code(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(l -> !l.trim().startsWith("*") && !l.trim().startsWith("/*") && !l.trim().startsWith("//"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void langchain4j_is_not_on_cores_class_path() {
        assertThat(getClass().getClassLoader().getResource("dev/langchain4j/model/chat/ChatModel.class")).isNull();
    }
}
