package io.fieldline.gateway;

import io.fieldline.testkit.EmbeddedKafka;

/**
 * One embedded Kafka broker, apart from {@link SharedKafka}, for the tests that stop and restart it
 * (overflow and recovery through the gateway); started once per JVM, with the Fieldline topics.
 */
final class OutageKafka {
    private static EmbeddedKafka kafka;

    private OutageKafka() {}

    static synchronized EmbeddedKafka get() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start();
            kafka.createFieldlineTopics(2);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        }
        return kafka;
    }
}
