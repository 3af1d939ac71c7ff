package io.fieldline.testkit;

import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Turns the in-process broker's INFO chatter (hundreds of lines per start) down to WARN when log4j2
 * is the logging backend. Loggers the application configured explicitly are left alone, and the
 * system property {@code fieldline.kafka.log.level} picks another level ({@code keep} = no change).
 */
final class KafkaLogLevels {
    static final String PROPERTY = "fieldline.kafka.log.level";
    private static final List<String> LOGGERS =
            List.of("kafka", "org.apache.kafka", "state.change.logger");

    private KafkaLogLevels() {}

    static void quiet() {
        String wanted = System.getProperty(PROPERTY, "WARN");
        if ("keep".equalsIgnoreCase(wanted)) {
            return;
        }
        try {
            Log4j.apply(wanted);
        } catch (LinkageError e) {
            // log4j-core is an optional dependency: without it the application's own logging
            // backend decides, and we have nothing to adjust.
        }
    }

    /** Only loaded when log4j-core is on the class path. */
    private static final class Log4j {
        static void apply(String wanted) {
            if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
                return;
            }
            Level level = Level.toLevel(wanted, Level.WARN);
            Configuration config = context.getConfiguration();
            // kafka-test-common-runtime ships its own log4j2.yaml (Kafka at INFO) that log4j
            // prefers
            // over an application's log4j2.xml; it is not the application's choice, so override it.
            String source = String.valueOf(config.getConfigurationSource().getLocation());
            boolean kafkaDefault = source.contains("kafka-test-common-runtime");
            for (String name : LOGGERS) {
                String configured = config.getLoggerConfig(name).getName();
                if (kafkaDefault || !configured.equals(name)) {
                    Configurator.setLevel(name, level);
                }
            }
        }
    }
}
