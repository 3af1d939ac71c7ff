package io.fieldline.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.simulator.load.AckingMqttServer;
import io.fieldline.simulator.model.Fault;
import io.fieldline.simulator.model.FaultKind;
import io.fieldline.simulator.model.GroundTruth;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./fieldline simulate} command, run in-process against a real MQTT server. */
@Timeout(60)
class SimulatorMainTest {
    private final Vertx vertx = Vertx.vertx();
    private final AckingMqttServer sink = AckingMqttServer.start(vertx, false);
    @TempDir Path dir;

    @AfterEach
    void close() {
        sink.close();
        vertx.close().await();
    }

    @Test
    void runsTheFleetAndWritesGroundTruthAndReport() throws Exception {
        Path truth = dir.resolve("truth.csv");
        Path report = dir.resolve("report.json");
        SimulatorMain.main(
                new String[] {
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(sink.port()),
                    "--devices",
                    "20",
                    "--rate",
                    "200",
                    "--duration",
                    "3s",
                    "--faults",
                    "all",
                    "--fault-fraction",
                    "0.5",
                    "--spike-every",
                    "0s",
                    "--truth",
                    truth.toString(),
                    "--report",
                    report.toString(),
                    "--progress",
                    "1s"
                });

        List<Fault> faults = GroundTruth.read(truth);
        assertThat(faults).hasSize(10);
        assertThat(faults.stream().map(Fault::kind)).contains(FaultKind.SPIKE, FaultKind.DRIFT);
        String json = Files.readString(report);
        assertThat(json).contains("\"devices\":20", "\"errors\":0", "\"latency_us\"");
        assertThat(sink.received()).isGreaterThan(400);
    }

    @Test
    void replaysANabFileAndStopsWhenItRunsOut() throws Exception {
        Path nab = Path.of(getClass().getResource("/replay/art_tiny.csv").toURI());
        Path report = dir.resolve("replay.json");
        SimulatorMain.main(
                new String[] {
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(sink.port()),
                    "--replay",
                    "nab:" + nab,
                    "--speed",
                    "600",
                    "--duration",
                    "30s",
                    "--report",
                    report.toString(),
                    "--progress",
                    "1s"
                });

        assertThat(sink.received()).isEqualTo(5);
        assertThat(Files.readString(report)).contains("\"sent\":5,\"acked\":5");
    }
}
