package io.fieldline.gateway;

import io.fieldline.gateway.kafka.ProducerFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;

/**
 * A {@link ProducerFactory} whose real Kafka producers hold back their send acknowledgements while
 * the gate is closed, so a test can observe what the gateway does between "record written to Kafka"
 * and "the gateway learns it was".
 */
final class GatedProducers implements ProducerFactory {
    private final List<Runnable> held = new ArrayList<>();
    private boolean open = true;

    synchronized void close() {
        open = false;
    }

    void open() {
        List<Runnable> release;
        synchronized (this) {
            open = true;
            release = new ArrayList<>(held);
            held.clear();
        }
        release.forEach(Runnable::run);
    }

    private synchronized boolean holdIfClosed(Runnable ack) {
        if (!open) {
            held.add(ack);
        }
        return !open;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Producer<String, byte[]> create(java.util.Map<String, Object> config) {
        Producer<String, byte[]> real = ProducerFactory.kafka().create(config);
        return (Producer<String, byte[]>)
                Proxy.newProxyInstance(
                        Producer.class.getClassLoader(),
                        new Class<?>[] {Producer.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("send") && args.length == 2) {
                                Callback cb = (Callback) args[1];
                                args[1] =
                                        (Callback)
                                                (md, ex) -> {
                                                    if (!holdIfClosed(
                                                            () -> cb.onCompletion(md, ex))) {
                                                        cb.onCompletion(md, ex);
                                                    }
                                                };
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
    }
}
