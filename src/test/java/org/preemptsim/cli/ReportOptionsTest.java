package org.preemptsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** run and compare with --html and --worst: the analysis in the terminal, the JSON and the page. */
class ReportOptionsTest {

    @Test
    void shouldWriteTheHtmlReportAndBreakDownTheWorstSamplesAskedFor(@TempDir Path dir) throws IOException {
        Path html = dir.resolve("r.html");
        Path json = dir.resolve("r.json");
        Cli.Result r = Cli.exec("run", "examples/timerlat.yaml", "--model", "rt", "--html", html.toString(), "--json",
            json.toString(), "--worst", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("why (the measured latency by cause", "bound (ECRTS 2020");
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("data-chart=\"histogram\" data-model=\"rt\"", "id=\"bound\"");
        JsonNode run = new ObjectMapper().readTree(json.toFile()).get("runs").get(0);
        assertThat(run.get("blame").get("worst")).hasSize(2);
        assertThat(run.get("bound").get("applies").asBoolean()).isTrue();
        assertThat(run.get("histograms").get(0).get("scope").asText()).isEqualTo("all");
    }

    @Test
    void shouldRefuseANegativeWorstAndWriteNothing(@TempDir Path dir) {
        Path html = dir.resolve("r.html");
        Cli.Result r = Cli.exec("compare", "examples/periodic.yaml", "--worst", "-1", "--html", html.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("preemptsim compare: --worst must be 0 or more, got -1\n");
        assertThat(html).doesNotExist();
    }

    @Test
    void shouldKeepTheBlameTotalsWithoutWorstSamples(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("r.json");
        Cli.Result r = Cli.exec("run", "examples/periodic.yaml", "--json", json.toString(), "--worst", "0");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode blame = new ObjectMapper().readTree(json.toFile()).get("runs").get(0).get("blame");
        assertThat(blame.get("worst")).isEmpty();
        assertThat(blame.get("causes").size()).isEqualTo(11);
    }
}
