package io.fieldline.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthTest {
    @TempDir Path dir;

    @Test
    void writesOneCsvLinePerFaultAndReadsItBack() throws IOException {
        List<Fault> faults =
                List.of(
                        new Fault("pump-1", "*", FaultKind.DEGRADATION, 1000, 9000, 9000),
                        new Fault("dev-2", "temperature", FaultKind.SPIKE, 500, 600, 0));
        Path file = dir.resolve("truth.csv");
        GroundTruth.write(file, faults);

        assertThat(Files.readAllLines(file))
                .containsExactly(
                        "device,metric,kind,start_ms,end_ms,failure_ms",
                        "dev-2,temperature,spike,500,600,",
                        "pump-1,*,degradation,1000,9000,9000");
        assertThat(GroundTruth.read(file)).containsExactlyInAnyOrderElementsOf(faults);
    }

    @Test
    void rejectsAFileWithoutTheHeader() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "a,b\n");
        assertThatThrownBy(() -> GroundTruth.read(file)).hasMessageContaining("first line must be");
    }
}
