package io.fieldline.simulator;

import io.fieldline.simulator.model.DeviceSignal;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of simulated devices, each with its own MQTT connection, publishing JSON telemetry at an
 * even share of the target rate. Every {@code spikeEvery} one device, picked by the seed, sends a
 * temperature spike.
 */
public final class Simulator {
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    private final Vertx vertx;
    private final SimulatorConfig config;
    private final List<MqttClient> clients = new ArrayList<>();
    private final List<Long> timers = new ArrayList<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder spikes = new LongAdder();
    private volatile int spikeDevice = -1;

    public Simulator(Vertx vertx, SimulatorConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** Connects every device, then starts publishing; completes once all are connected. */
    public Future<Void> start() {
        List<Future<?>> connects = new ArrayList<>();
        for (int i = 0; i < config.devices(); i++) {
            MqttClient client =
                    MqttClient.create(
                            vertx,
                            new MqttClientOptions()
                                    .setClientId(config.deviceId(i))
                                    .setCleanSession(true)
                                    .setAutoKeepAlive(true)
                                    .setMaxInflightQueue(1000));
            clients.add(client);
            connects.add(client.connect(config.mqttPort(), config.mqttHost()));
        }
        return Future.all(connects)
                .onSuccess(v -> schedule())
                .onFailure(e -> LOG.error("simulator could not connect: {}", e.toString()))
                .mapEmpty();
    }

    private void schedule() {
        long periodMs = Math.max(1, Math.round(config.devices() * 1000.0 / config.ratePerSecond()));
        SplittableRandom jitter = new SplittableRandom(config.seed());
        for (int i = 0; i < config.devices(); i++) {
            int index = i;
            DeviceSignal signal = new DeviceSignal(config.seed(), i);
            long[] seq = {0};
            long startDelay = 1 + jitter.nextLong(periodMs);
            timers.add(
                    vertx.setPeriodic(
                            startDelay, periodMs, id -> publish(index, signal, ++seq[0])));
        }
        if (!config.spikeEvery().isZero()) {
            SplittableRandom pick = new SplittableRandom(config.seed() ^ 0x5EEDL);
            // The first fault comes early (5 s at most) so a demo shows an alert quickly.
            long period = config.spikeEvery().toMillis();
            timers.add(
                    vertx.setPeriodic(
                            Math.min(period, 5_000),
                            period,
                            id -> spikeDevice = pick.nextInt(config.devices())));
        }
        LOG.info(
                "simulating {} devices at {} msgs/s (every device each {} ms), seed {}",
                config.devices(),
                config.ratePerSecond(),
                periodMs,
                config.seed());
    }

    private void publish(int index, DeviceSignal signal, long seq) {
        boolean spike = spikeDevice == index;
        if (spike) {
            spikeDevice = -1;
            spikes.increment();
        }
        long now = System.currentTimeMillis();
        String payload = DeviceSignal.json(now, seq, signal.next(now, spike));
        String topic = "fieldline/" + config.deviceId(index) + "/telemetry";
        MqttClient client = clients.get(index);
        if (!client.isConnected()) {
            errors.increment();
            return;
        }
        sent.increment();
        client.publish(topic, Buffer.buffer(payload), MqttQoS.valueOf(config.qos()), false, false)
                .onSuccess(id -> acked.increment())
                .onFailure(e -> errors.increment());
    }

    public long sent() {
        return sent.sum();
    }

    /** Publishes the gateway acknowledged (QoS 1), or handed to the socket (QoS 0). */
    public long acked() {
        return acked.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public long spikes() {
        return spikes.sum();
    }

    public Future<Void> stop() {
        timers.forEach(vertx::cancelTimer);
        List<Future<?>> closes = new ArrayList<>();
        for (MqttClient c : clients) {
            if (c.isConnected()) {
                closes.add(c.disconnect());
            }
        }
        return Future.join(closes).mapEmpty();
    }
}
