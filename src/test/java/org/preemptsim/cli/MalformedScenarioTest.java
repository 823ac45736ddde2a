package org.preemptsim.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The malformed-scenario corpus: each file under src/test/resources/malformed has its exact
 * expected error (stderr) beside it in a .err file. Every one must exit 2, print that and only
 * that, and write no output file.
 */
class MalformedScenarioTest {

    static final Path CORPUS = Path.of("src/test/resources/malformed");

    static List<Path> corpus() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(p -> !p.toString().endsWith(".err")).sorted().collect(Collectors.toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldRejectMalformedScenarioWithExactMessageAndWriteNothing(Path scenario, @TempDir Path out) throws IOException {
        String name = scenario.getFileName().toString();
        Path expected = CORPUS.resolve(name.substring(0, name.lastIndexOf('.')) + ".err");
        Path json = out.resolve("results.json");
        Path csv = out.resolve("results.csv");

        Cli.Result r = Cli.exec("run", scenario.toString(), "--json", json.toString(), "--csv", csv.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
        assertThat(r.out()).isEmpty();
        assertThat(json).doesNotExist();
        assertThat(csv).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldRejectMalformedScenarioInCompareAndExplainToo(Path scenario) {
        assertThat(Cli.exec("compare", scenario.toString()).code()).isEqualTo(2);
        assertThat(Cli.exec("explain", scenario.toString()).code()).isEqualTo(2);
    }

    @org.junit.jupiter.api.Test
    void shouldHaveAtLeastTwentyFiveMalformedScenarios() throws IOException {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(25);
    }
}
