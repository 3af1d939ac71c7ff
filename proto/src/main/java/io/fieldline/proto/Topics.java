package io.fieldline.proto;

import java.util.List;
import java.util.Optional;

/** Every Kafka topic Fieldline uses, declared once with its message type. */
public final class Topics {
    public static final TopicSpec<Telemetry> TELEMETRY =
            new TopicSpec<>("fieldline.telemetry", Telemetry.class, Telemetry.parser(), false);
    public static final TopicSpec<EdgeAggregate> EDGE_AGGREGATES =
            new TopicSpec<>(
                    "fieldline.edge-aggregates",
                    EdgeAggregate.class,
                    EdgeAggregate.parser(),
                    false);
    public static final TopicSpec<WindowAggregate> WINDOW_AGGREGATES =
            new TopicSpec<>(
                    "fieldline.window-aggregates",
                    WindowAggregate.class,
                    WindowAggregate.parser(),
                    true);
    public static final TopicSpec<Alert> ALERTS =
            new TopicSpec<>("fieldline.alerts", Alert.class, Alert.parser(), false);
    public static final TopicSpec<DeadLetter> DEAD_LETTER =
            new TopicSpec<>("fieldline.dead-letter", DeadLetter.class, DeadLetter.parser(), false);
    public static final TopicSpec<LedgerEntry> LEDGER =
            new TopicSpec<>("fieldline.ledger", LedgerEntry.class, LedgerEntry.parser(), false);
    public static final TopicSpec<Rule> RULES =
            new TopicSpec<>("fieldline.rules", Rule.class, Rule.parser(), true);

    private static final List<TopicSpec<?>> ALL =
            List.of(
                    TELEMETRY,
                    EDGE_AGGREGATES,
                    WINDOW_AGGREGATES,
                    ALERTS,
                    DEAD_LETTER,
                    LEDGER,
                    RULES);

    /** Value of the {@code content-type} Kafka header on every record Fieldline produces. */
    public static final String CONTENT_TYPE = "application/x-protobuf";

    /** Value of the {@code schema-version} header; bump with incompatible contract changes. */
    public static final String SCHEMA_VERSION = "1";

    private Topics() {}

    public static List<TopicSpec<?>> all() {
        return ALL;
    }

    public static Optional<TopicSpec<?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
