package io.fieldline.simulator.bench;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.util.concurrent.atomic.LongAdder;

/**
 * An MQTT server that only acknowledges, for measuring the simulator alone: {@code AckSinkMain
 * --port 1883}. Prints connections and messages per second.
 */
public final class AckSinkMain {
    private AckSinkMain() {}

    public static void main(String[] args) throws Exception {
        int port = args.length >= 2 && args[0].equals("--port") ? Integer.parseInt(args[1]) : 1883;
        Vertx vertx = Vertx.vertx(new VertxOptions());
        LongAdder messages = new LongAdder();
        LongAdder connections = new LongAdder();
        int instances = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < instances; i++) {
            MqttServer server =
                    MqttServer.create(
                            vertx,
                            (MqttServerOptions)
                                    new MqttServerOptions()
                                            .setHost("0.0.0.0")
                                            .setAcceptBacklog(4096));
            server.endpointHandler(
                    ep -> {
                        connections.increment();
                        ep.publishHandler(
                                m -> {
                                    messages.increment();
                                    if (m.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                                        ep.publishAcknowledge(m.messageId());
                                    }
                                });
                        ep.closeHandler(v -> connections.decrement());
                        ep.accept(false);
                    });
            server.listen(port).await();
        }
        System.out.println("ack sink listening on " + port);
        long last = 0;
        while (true) {
            Thread.sleep(5000);
            long now = messages.sum();
            System.out.printf(
                    "connections %d, %.0f msgs/s%n", connections.sum(), (now - last) / 5.0);
            last = now;
        }
    }
}
