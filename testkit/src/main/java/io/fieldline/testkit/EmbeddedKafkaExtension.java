package io.fieldline.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one {@link EmbeddedKafka} cluster per test class and closes it
 * after all of the class's tests. Either {@code @RegisterExtension static EmbeddedKafkaExtension
 * kafka = new EmbeddedKafkaExtension();} and call {@link #bootstrapServers()} / {@link #kafka()},
 * or {@code @ExtendWith(EmbeddedKafkaExtension.class)} and take an {@link EmbeddedKafka} parameter
 * in a test, a {@code @BeforeAll}/{@code @BeforeEach} method or the constructor.
 */
public final class EmbeddedKafkaExtension
        implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private final int brokers;
    private EmbeddedKafka kafka;
    // @Nested classes inherit the extension and call beforeAll/afterAll again: the cluster lives
    // until the outermost class is done.
    private int depth;

    /** One broker. */
    public EmbeddedKafkaExtension() {
        this(1);
    }

    public EmbeddedKafkaExtension(int brokers) {
        this.brokers = brokers;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (depth++ == 0) {
            kafka = EmbeddedKafka.start(brokers);
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (--depth == 0 && kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    /** The running cluster; valid between the class's {@code beforeAll} and {@code afterAll}. */
    public synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException(
                    "Embedded Kafka is not running: register the extension on a static field");
        }
        return kafka;
    }

    public String bootstrapServers() {
        return kafka().bootstrapServers();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return kafka();
    }
}
