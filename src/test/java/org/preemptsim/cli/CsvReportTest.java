package org.preemptsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.preemptsim.report.CsvReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvReportTest {

    @Test
    void shouldWriteOneRowPerModelAndMeasuredTask(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("c.csv");
        Cli.Result r = Cli.exec("compare", "examples/cyclictest.yaml", "--jobs", "1", "--csv", csv.toString());
        assertThat(r.code()).isZero();

        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo(CsvReport.HEADER);
        assertThat(rows).hasSize(1 + 3 * 4); // 3 models x 4 cyclictest threads; the hogs are not measured
        assertThat(rows.get(1)).startsWith("none,ok,cyclictest/0,1000,0,true,499,");
        assertThat(rows.get(1).split(",", -1)).hasSize(CsvReport.HEADER.split(",").length);
    }

    @Test
    void shouldWriteOneQuotedRowForAModelStoppedByABug(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("c.csv");
        assertThat(Cli.exec("compare", "examples/kernel-bug.yaml", "--csv", csv.toString()).code()).isEqualTo(1);

        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).isEqualTo("voluntary,BUG: scheduling while atomic: buggy-driver/1000/0x00000002,,,,,,,,,,,,,,,,,,,,,");
        assertThat(rows.get(1).split(",", -1)).hasSize(CsvReport.HEADER.split(",").length);
    }
}
