package io.fieldline.testkit;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates topics through the Admin API and waits until every partition has a leader. Each call uses
 * a fresh Admin client: one kept open across a broker outage can stay stuck re-bootstrapping.
 */
final class TopicAdmin {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MS = 50;

    private final Admin admin;

    private TopicAdmin(Admin admin) {
        this.admin = admin;
    }

    static <T> T with(String bootstrap, java.util.function.Function<TopicAdmin, T> action) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            return action.apply(new TopicAdmin(admin));
        }
    }

    /** Creates the topics (already existing ones are left as they are) and waits for leaders. */
    void create(Collection<NewTopic> topics) {
        try {
            admin.createTopics(topics).values().values().forEach(TopicAdmin::ignoreExists);
            List<String> names = topics.stream().map(NewTopic::name).toList();
            awaitLeaders(names);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + topics, e);
        }
    }

    /** Waits until every partition of every topic (internal ones included) has a leader. */
    void awaitAllLeaders() {
        try {
            ListTopicsOptions all = new ListTopicsOptions().listInternal(true);
            awaitLeaders(
                    List.copyOf(
                            admin.listTopics(all)
                                    .names()
                                    .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for partition leaders", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not list topics", e);
        }
    }

    /** The topic's effective configuration (broker defaults included). */
    Map<String, String> config(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config =
                    admin.describeConfigs(List.of(resource))
                            .all()
                            .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            .get(resource);
            return config.entries().stream()
                    .filter(e -> e.value() != null)
                    .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted describing " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not describe config of " + topic, e);
        }
    }

    private static void ignoreExists(KafkaFuture<Void> future) {
        try {
            future.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Topic creation failed", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating topic", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Topic creation timed out after " + READY_TIMEOUT, e);
        }
    }

    private void awaitLeaders(List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (allHaveLeaders(names)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Topics "
                                + names
                                + " had no leader for every partition within "
                                + READY_TIMEOUT);
            }
            Thread.sleep(POLL_MS);
        }
    }

    private boolean allHaveLeaders(List<String> names) throws InterruptedException {
        try {
            Map<String, TopicDescription> descriptions =
                    admin.describeTopics(names)
                            .allTopicNames()
                            .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return descriptions.values().stream()
                    .flatMap(d -> d.partitions().stream())
                    .map(TopicPartitionInfo::leader)
                    .allMatch(leader -> leader != null && !leader.isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw new IllegalStateException("Could not describe topics " + names, e.getCause());
        } catch (TimeoutException e) {
            return false;
        }
    }
}
