package io.fieldline.testkit;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops and restarts the brokers of a test-kit cluster while its controller keeps running; the test
 * kit re-binds the same ports on restart, so clients reconnect to the same address.
 */
final class BrokerOutage {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerOutage.class);

    private BrokerOutage() {}

    static void stop(KafkaClusterTestKit cluster) {
        cluster.brokers().values().forEach(b -> b.shutdown());
        // A stopped broker stays registered until its session times out (9 s), and a restarted one
        // cannot register before that; unregistering it now makes restart() fast.
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, cluster.bootstrapControllers());
        try (Admin controllerAdmin = Admin.create(props)) {
            for (int id : cluster.brokers().keySet()) {
                controllerAdmin.unregisterBroker(id).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Could not unregister stopped brokers; restart waits for session expiry", e);
        }
    }

    static void restart(KafkaClusterTestKit cluster, String bootstrapServers) {
        cluster.brokers().values().forEach(b -> b.startup());
        try {
            cluster.waitForReadyBrokers();
            TopicAdmin.with(
                    bootstrapServers,
                    t -> {
                        t.awaitAllLeaders();
                        return null;
                    });
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Brokers did not become ready after restart", e);
        }
    }
}
