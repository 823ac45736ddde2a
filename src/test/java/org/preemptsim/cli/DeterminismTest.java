package org.preemptsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The same scenario and seed give byte-identical JSON: run twice, one after the other and side by side. */
class DeterminismTest {

    private static byte[] compare(String scenario, String jobs, Path json) throws Exception {
        Cli.Result r = Cli.exec("compare", scenario, "--jobs", jobs, "--seed", "11", "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return Files.readAllBytes(json);
    }

    @Test
    void shouldWriteByteIdenticalJsonWhenRunTwiceSequentially(@TempDir Path dir) throws Exception {
        byte[] a = compare("examples/distributions.yaml", "1", dir.resolve("a.json"));
        byte[] b = compare("examples/distributions.yaml", "1", dir.resolve("b.json"));
        assertThat(b).isEqualTo(a);
    }

    @Test
    void shouldWriteByteIdenticalJsonWhenModelsAndRunsGoInParallel(@TempDir Path dir) throws Exception {
        byte[] sequential = compare("examples/hackbench.yaml", "1", dir.resolve("seq.json"));
        CompletableFuture<byte[]> x = CompletableFuture.supplyAsync(() -> uncheck(() -> compare("examples/hackbench.yaml", "3",
            dir.resolve("x.json"))));
        CompletableFuture<byte[]> y = CompletableFuture.supplyAsync(() -> uncheck(() -> compare("examples/hackbench.yaml", "3",
            dir.resolve("y.json"))));
        assertThat(x.get()).isEqualTo(sequential);
        assertThat(y.get()).isEqualTo(sequential);
    }

    @Test
    void shouldWriteNoWallClockFigures(@TempDir Path dir) throws Exception {
        String json = new String(compare("examples/cyclictest.yaml", "2", dir.resolve("c.json")), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("wall").doesNotContain("elapsed").doesNotContain("date");
    }

    private interface Body<T> {
        T get() throws Exception;
    }

    private static <T> T uncheck(Body<T> b) {
        try {
            return b.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
