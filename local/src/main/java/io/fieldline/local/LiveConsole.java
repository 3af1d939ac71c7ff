package io.fieldline.local;

import io.fieldline.proto.Alert;
import io.fieldline.proto.Topics;
import io.fieldline.proto.WindowAggregate;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints the pipeline's output as it is committed to Kafka: one line per alert (deduplicated by its
 * deterministic id) and, per closed window, either one line per aggregate (small fleets) or a
 * summary line with the highest value of the watched metric.
 */
final class LiveConsole implements AutoCloseable {
    private static final DateTimeFormatter HMS =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int DETAIL_LIMIT = 12;
    private static final long QUIET_NANOS = 1_000_000_000L;

    private final String watchedMetric;
    private final PrintStream out;
    private final long startNanos;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final LinkedHashSet<String> seenAlerts = new LinkedHashSet<>();
    private final AtomicLong alerts = new AtomicLong();
    private final AtomicLong windows = new AtomicLong();
    private final AtomicLong corrections = new AtomicLong();
    private volatile double firstAlertSeconds = -1;
    private volatile boolean running = true;

    LiveConsole(String bootstrap, String watchedMetric, PrintStream out, long startNanos) {
        this.watchedMetric = watchedMetric;
        this.out = out;
        this.startNanos = startNanos;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "fieldline-demo-console");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.ALERTS.name(), Topics.WINDOW_AGGREGATES.name()));
        this.thread = new Thread(this::run, "fieldline-demo-console");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        // Aggregates of one window arrive over several polls; print a window once it is quiet.
        Map<Long, List<WindowAggregate>> pending = new TreeMap<>();
        Map<Long, Long> lastSeen = new HashMap<>();
        while (running) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                try {
                    if (r.topic().equals(Topics.ALERTS.name())) {
                        printAlert(Topics.ALERTS.parse(r.value()));
                    } else {
                        WindowAggregate w = Topics.WINDOW_AGGREGATES.parse(r.value());
                        pending.computeIfAbsent(w.getWindowStartMs(), k -> new ArrayList<>())
                                .add(w);
                        lastSeen.put(w.getWindowStartMs(), System.nanoTime());
                    }
                } catch (Exception e) {
                    out.printf("%s ?        undecodable record on %s: %s%n", stamp(), r.topic(), e);
                }
            }
            long now = System.nanoTime();
            pending.entrySet()
                    .removeIf(
                            e -> {
                                if (now - lastSeen.get(e.getKey()) < QUIET_NANOS) {
                                    return false;
                                }
                                lastSeen.remove(e.getKey());
                                printWindows(e.getValue());
                                return true;
                            });
        }
        pending.values().forEach(this::printWindows);
        consumer.close(Duration.ofSeconds(2));
    }

    private void printAlert(Alert a) {
        if (!seenAlerts.add(a.getAlertId())) {
            return;
        }
        if (seenAlerts.size() > 100_000) {
            seenAlerts.remove(seenAlerts.iterator().next());
        }
        if (alerts.incrementAndGet() == 1) {
            firstAlertSeconds = elapsedSeconds();
        }
        out.printf(
                "%s ALERT    %-9s %-8s %s %s=%.2f  %s  [event %s, id %s]%n",
                stamp(),
                a.getKind(),
                a.getSeverity(),
                a.getDeviceId(),
                a.getMetric(),
                a.getValue(),
                a.getMessage(),
                HMS.format(Instant.ofEpochMilli(a.getEventTimeMs())),
                a.getAlertId().length() > 12 ? a.getAlertId().substring(0, 12) : a.getAlertId());
    }

    private void printWindows(List<WindowAggregate> all) {
        List<WindowAggregate> revised = all.stream().filter(w -> w.getRevision() > 1).toList();
        if (!revised.isEmpty()) {
            corrections.addAndGet(revised.size());
            out.printf(
                    "%s CORRECT  %d windows revised by late data (up to revision %d), e.g. %s %s"
                            + " [%s, %s) now n=%d%n",
                    stamp(),
                    revised.size(),
                    revised.stream().mapToInt(WindowAggregate::getRevision).max().orElse(0),
                    revised.get(0).getDeviceId(),
                    revised.get(0).getMetric(),
                    HMS.format(Instant.ofEpochMilli(revised.get(0).getWindowStartMs())),
                    HMS.format(Instant.ofEpochMilli(revised.get(0).getWindowEndMs())),
                    revised.get(0).getCount());
        }
        List<WindowAggregate> ws = all.stream().filter(w -> w.getRevision() <= 1).toList();
        if (ws.isEmpty()) {
            return;
        }
        windows.addAndGet(ws.size());
        WindowAggregate first = ws.get(0);
        String span =
                "["
                        + HMS.format(Instant.ofEpochMilli(first.getWindowStartMs()))
                        + ", "
                        + HMS.format(Instant.ofEpochMilli(first.getWindowEndMs()))
                        + ")";
        if (ws.size() <= DETAIL_LIMIT) {
            for (WindowAggregate w : ws) {
                out.printf(
                        "%s WINDOW   %s %s %-12s n=%-4d min=%8.2f max=%8.2f mean=%8.2f%n",
                        stamp(),
                        span,
                        w.getDeviceId(),
                        w.getMetric(),
                        w.getCount(),
                        w.getMin(),
                        w.getMax(),
                        w.getMean());
            }
            return;
        }
        // Comparing maxima across metrics (rpm vs temperature) says nothing: report the metric
        // the demo's threshold watches, when the window has it.
        WindowAggregate hottest =
                ws.stream()
                        .filter(w -> w.getMetric().equals(watchedMetric))
                        .max(java.util.Comparator.comparingDouble(WindowAggregate::getMax))
                        .orElseGet(
                                () ->
                                        ws.stream()
                                                .max(
                                                        java.util.Comparator.comparingDouble(
                                                                WindowAggregate::getMax))
                                                .get());
        long measurements = ws.stream().mapToLong(WindowAggregate::getCount).sum();
        out.printf(
                "%s WINDOW   %s %d aggregates over %d measurements; highest: %s %s max=%.2f%n",
                stamp(),
                span,
                ws.size(),
                measurements,
                hottest.getDeviceId(),
                hottest.getMetric(),
                hottest.getMax());
    }

    private String stamp() {
        return String.format("[+%5.1fs]", elapsedSeconds());
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    long alerts() {
        return alerts.get();
    }

    long windowAggregates() {
        return windows.get();
    }

    /** Window results that revised an earlier one (late data merged). */
    long corrections() {
        return corrections.get();
    }

    /** Seconds from start to the first alert, or -1 if none arrived. */
    double firstAlertSeconds() {
        return firstAlertSeconds;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
