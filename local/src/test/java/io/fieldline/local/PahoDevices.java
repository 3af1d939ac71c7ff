package io.fieldline.local;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Devices as Eclipse Paho clients (one connection per device, on loopback) publishing JSON readings
 * with QoS 1: {@link #publish} returns once the gateway's PUBACK arrived.
 */
final class PahoDevices implements AutoCloseable {
    private final int port;
    private final Map<String, MqttClient> clients = new TreeMap<>();

    PahoDevices(int gatewayMqttPort) {
        this.port = gatewayMqttPort;
    }

    void publish(String device, long ts, long seq, String metric, double value) throws Exception {
        String json =
                String.format(
                        "{\"ts\":%d,\"seq\":%d,\"metrics\":{\"%s\":%s}}", ts, seq, metric, value);
        clients.computeIfAbsent(device, this::connect)
                .publish(
                        "fieldline/" + device + "/telemetry",
                        json.getBytes(StandardCharsets.UTF_8),
                        1,
                        false);
    }

    private MqttClient connect(String clientId) {
        try {
            MqttClient c =
                    new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setConnectionTimeout(10);
            c.connect(o);
            c.setTimeToWait(10_000);
            return c;
        } catch (Exception e) {
            throw new IllegalStateException("could not connect " + clientId, e);
        }
    }

    @Override
    public void close() throws Exception {
        for (MqttClient c : clients.values()) {
            c.disconnect();
            c.close();
        }
    }
}
