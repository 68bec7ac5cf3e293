package ai.carbonbench.examples;

import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.examples.cli.CliAccess;
import ai.carbonbench.examples.server.DashboardServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every shell command of the README that needs no key and no network runs as written: the
 * {@code carbonbench} commands through the CLI itself (in-process, at a fixed time before the README's
 * example deadline), the example programs' run lines, the curl example against a real server, and every
 * script, class and file a command names exists. Commands that need a key, the network or a running
 * server ({@code --live}, {@code refresh}, {@code serve}, an {@code https://} snapshot) and Maven itself
 * are only checked for existence of what they name.
 */
final class ReadmeCommandsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String JAR = "java -jar examples/target/carbonbench.jar ";
    private static final String CP = "java -cp examples/target/carbonbench.jar ";
    private static final Clock BEFORE_DEADLINE = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    /** Programs that open the network; their run line is only checked for the class. */
    private static final Set<String> NETWORKED = Set.of("ai.carbonbench.examples.LiveGridExample");

    /** The README's shell commands: lines of ```bash blocks, continuations joined, comments dropped. */
    static List<String> commands() throws IOException {
        List<String> commands = new ArrayList<>();
        boolean inBash = false;
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            if (line.startsWith("```")) {
                inBash = !inBash && line.trim().equals("```bash");
                continue;
            }
            if (!inBash) {
                continue;
            }
            String text = line.replaceFirst("\\s+#\\s.*$", "").trim();
            if (text.endsWith("\\")) {
                pending.append(text, 0, text.length() - 1).append(' ');
                continue;
            }
            pending.append(text);
            String command = pending.toString().trim().replaceAll("\\s+", " ");
            pending.setLength(0);
            if (!command.isEmpty()) {
                commands.add(command);
            }
        }
        return commands;
    }

    /** Splits on spaces, keeping single- or double-quoted words whole (all the README needs). */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(command);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return words;
    }

    private static boolean needsNetworkOrKey(String args) {
        return args.contains("--live") || args.contains("https://") || args.startsWith("serve")
                || args.contains(" serve") || args.startsWith("refresh") || args.contains(" refresh");
    }

    @Test
    void the_readme_has_commands_of_every_kind() throws IOException {
        List<String> commands = commands();
        assertThat(commands).anyMatch(c -> c.startsWith(JAR)).anyMatch(c -> c.startsWith(CP))
                .anyMatch(c -> c.startsWith("curl ")).anyMatch(c -> c.startsWith("mvn "));
    }

    @Test
    void every_offline_carbonbench_command_runs_as_written() throws IOException {
        int ran = 0;
        for (String command : commands()) {
            if (!command.startsWith(JAR)) {
                continue;
            }
            String args = command.substring(JAR.length());
            if (needsNetworkOrKey(args)) {
                continue;
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = CliAccess.commandLine(BEFORE_DEADLINE);
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            int code = cli.execute(words(args).toArray(String[]::new));
            assertThat(code).as(command + "\n" + err).isZero();
            assertThat(out.toString()).as(command).isNotBlank();
            ran++;
        }
        assertThat(ran).isGreaterThanOrEqualTo(8);
    }

    @Test
    void the_headline_table_names_its_hour_and_shows_what_the_command_prints() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher m = Pattern.compile("```\\n\\$ (java -jar examples/target/carbonbench.jar [^\\n]+)\\n(.*?)```",
                Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("the headline block").isTrue();
        String command = m.group(1);
        assertThat(command).contains("--at ");
        String hour = command.replaceFirst(".*--at (\\S+).*", "$1");
        assertThat(m.group(2)).contains("at " + hour.replace("Z", ""));
        StringWriter out = new StringWriter();
        CommandLine cli = CliAccess.commandLine(BEFORE_DEADLINE);
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(words(command.substring(JAR.length())).toArray(String[]::new))).isZero();
        for (String line : m.group(2).lines().toList()) {
            if (line.matches("\\s*\\d+ .*")) {
                // every row shown is the start of a row the command prints: rank, ids, zone and every figure
                String key = line.trim().replaceAll("\\s+", " ");
                assertThat(out.toString().lines().map(l -> l.trim().replaceAll("\\s+", " ")))
                        .as(line).anyMatch(l -> l.startsWith(key + " "));
            }
        }
    }

    @Test
    void every_example_program_has_a_run_line_and_the_offline_ones_print_something() throws Exception {
        List<String> runLines = commands().stream().filter(c -> c.startsWith(CP)).toList();
        List<String> documented = runLines.stream().map(c -> words(c).get(3)).toList();
        try (var files = Files.list(ROOT.resolve("examples/src/main/java/ai/carbonbench/examples"))) {
            List<String> programs = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> {
                        try {
                            return Files.readString(f).contains("public static void main(");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(f -> "ai.carbonbench.examples." + f.getFileName().toString().replace(".java", "")).toList();
            assertThat(documented).containsAll(programs);
        }
        for (String line : runLines) {
            List<String> w = words(line);
            String className = w.get(3);
            Class<?> program = Class.forName(className);
            if (NETWORKED.contains(className)) {
                continue;
            }
            String output = runMain(program, w.subList(4, w.size()).toArray(String[]::new));
            assertThat(output).as(line).isNotBlank();
        }
    }

    @Test
    void quick_start_prints_something_in_every_section() throws Exception {
        String output = runMain(QuickStart.class, new String[0]);
        String[] sections = output.split("\\R\\R");
        assertThat(sections).hasSizeGreaterThanOrEqualTo(3);
        assertThat(sections).allSatisfy(s -> assertThat(s.lines().count()).isGreaterThanOrEqualTo(1));
        assertThat(sections[0].lines().count()).as("the leaderboard section lists rows").isGreaterThan(1);
    }

    @Test
    void the_curl_example_answers_200_from_the_server() throws Exception {
        List<String> curls = commands().stream().filter(c -> c.startsWith("curl ")).toList();
        assertThat(curls).isNotEmpty();
        try (CarbonBench bench = CarbonBench.builder().clock(BEFORE_DEADLINE).build();
             DashboardServer server = DashboardServer.start(bench, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            HttpClient client = HttpClient.newHttpClient();
            for (String curl : curls) {
                URI written = URI.create(words(curl).get(1));
                URI uri = server.uri().resolve(written.getRawPath() + (written.getRawQuery() == null ? ""
                        : "?" + written.getRawQuery()));
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(curl + "\n" + r.body()).isEqualTo(200);
            }
        }
    }

    @Test
    void every_script_class_and_file_a_command_names_exists() throws IOException {
        for (String command : commands()) {
            for (String word : words(command)) {
                if (word.matches("(examples|tools|benchmarks|docs)/[\\w./-]+\\.(sh|py|md)")) {
                    assertThat(ROOT.resolve(word)).as(command).exists();
                    if (word.endsWith(".sh")) {
                        assertThat(Files.isExecutable(ROOT.resolve(word))).as(word + " is executable").isTrue();
                    }
                }
                if (word.matches("ai\\.carbonbench\\.benchmarks\\.\\w+")) {
                    assertThat(ROOT.resolve("benchmarks/src/main/java/" + word.replace('.', '/') + ".java"))
                            .as(command).exists();
                }
            }
            if (command.startsWith("mvn ") && command.contains(" -pl ")) {
                for (String module : words(command).get(words(command).indexOf("-pl") + 1).split(",")) {
                    assertThat(ROOT.resolve(module).resolve("pom.xml")).as(command).exists();
                }
            }
        }
        assertThat(Catalog.embedded()).isNotNull();
    }

    private static String runMain(Class<?> program, String[] args) throws Exception {
        Method main = program.getMethod("main", String[].class);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.invoke(null, (Object) args);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
