package io.fieldline.jobs.functions;

import io.fieldline.jobs.model.ClockState;
import io.fieldline.jobs.model.DeadLetterRecord;
import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.Partial;
import io.fieldline.jobs.model.Reading;
import io.fieldline.jobs.model.SeqMark;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Each device's own event-time clock, instead of one watermark for the whole fleet. Keyed by
 * device: readings wait in a buffer until the device's newest reading is more than {@code
 * outOfOrderness} past them, then leave in event-time order (ties by sequence number, then metric)
 * — to the detectors on the main output and to the windows as {@link Partial#ORDERED}. The released
 * time is the device's clock; another gateway's data never moves it, so a replayed backlog is on
 * time.
 *
 * <ul>
 *   <li>The sources' dead letters (undecodable bytes) pass to {@link #DEAD_LETTERS}.
 *   <li>A reading at or behind the clock is late: it corrects its window ({@link Partial#LATE}) and
 *       counts in the ledger; detectors have already moved past it.
 *   <li>A reading marked {@link Reading#aheadOfBacklog} waits without moving the clock, so the
 *       device's backlog arriving after it is still evaluated in order.
 *   <li>A device (or its gateway) that stops sending is flushed after {@code idleness} of
 *       processing time: everything buffered is released and its open windows close; data that
 *       comes later corrects them.
 *   <li>Data older than the clock minus {@code maxLateness}, or stamped more than {@code maxFuture}
 *       after the job's wall clock, is refused: dead-lettered and counted in the ledger. A future
 *       stamp is stopped here so it never moves a device's clock.
 *   <li>A message whose sequence number was seen before (one of the device's last 64) is a
 *       duplicate — a gateway re-sending after a link failure what Kafka had stored: its mark goes
 *       to the ledger (which counts duplicates), its readings are dropped.
 *   <li>Edge aggregates pass straight to the windows ({@link Partial#EDGE}); sequence marks
 *       straight to the ledger, with a tick whenever the clock crosses a ledger window's close.
 * </ul>
 */
public class DeviceClock extends KeyedProcessFunction<String, Inbound, Reading> {
    public static final OutputTag<Partial> WINDOWS = new OutputTag<>("window-input") {};
    public static final OutputTag<SeqMark> LEDGER = new OutputTag<>("ledger-input") {};

    /** One released reading per event time of the device: what silence detection needs. */
    public static final OutputTag<Reading> PULSE = new OutputTag<>("pulse") {};

    /** The sources' dead letters, and the data this clock refuses. */
    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("dead-letters") {};

    private static final Comparator<Reading> ORDER =
            Comparator.<Reading>comparingLong(r -> r.seq).thenComparing(r -> r.metric);

    /** Event times past this (year ~2255) are nonsense and would overflow window arithmetic. */
    static final long MAX_EVENT_TIME_MS = 1L << 43;

    private final Settings settings;
    private transient long startedMs;
    private transient ValueState<ClockState> clock;
    private transient MapState<Long, List<Reading>> pending;
    private transient Counter late;
    private transient Counter tooOld;
    private transient Counter future;
    private transient Counter idleFlushes;
    private transient Counter duplicates;

    /** The clock's bounds, all in milliseconds; {@code maxFuture} 0 turns the check off. */
    public record Settings(
            long outOfOrderness,
            long idleness,
            long maxLateness,
            long maxFuture,
            long ledgerWindow,
            long ledgerGrace,
            String telemetryTopic)
            implements java.io.Serializable {}

    public DeviceClock(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext ctx) {
        clock =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>("clock", Types.POJO(ClockState.class)));
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending",
                                        Types.LONG,
                                        Types.LIST(Types.POJO(Reading.class))));
        var metrics = getRuntimeContext().getMetricGroup();
        late = metrics.counter("fieldlineLateReadings");
        tooOld = metrics.counter("fieldlineRefusedTooOld");
        future = metrics.counter("fieldlineRefusedFuture");
        idleFlushes = metrics.counter("fieldlineIdleFlushes");
        duplicates = metrics.counter("fieldlineDuplicateMessages");
    }

    @Override
    public void processElement(Inbound in, Context ctx, Collector<Reading> out) throws Exception {
        if (in.deadLetter != null) {
            ctx.output(DEAD_LETTERS, in.deadLetter);
            return;
        }
        ClockState st = clock.value();
        if (st == null) {
            st = new ClockState();
        }
        long now = ctx.timerService().currentProcessingTime();
        if (startedMs == Long.MIN_VALUE) {
            startedMs = now;
        }
        String refusal = refusal(in.eventTimeMs(), st, now);
        if (in.seqMark != null) {
            ctx.output(LEDGER, refusal == null ? in.seqMark : in.seqMark.refused());
            boolean seen = refusal == null && seenBefore(in.seqMark.seq, in.eventTimeMs(), st);
            st.dropSeq = seen ? in.seqMark.seq : -1;
            if (st.dropSeq >= 0) {
                duplicates.inc(); // the ledger counts it; its readings go nowhere else
            }
        }
        if (in.readings != null) {
            if (st.dropSeq < 0 || in.seqMark == null || in.seqMark.seq != st.dropSeq) {
                if (refusal != null) {
                    for (Reading r : in.readings) {
                        refuse(Inbound.of(r), refusal, st, ctx);
                    }
                } else if (!in.readings.isEmpty()) {
                    accept(in.readings, st, ctx, out);
                }
            }
        } else if (in.reading != null && in.reading.seq > 0 && in.reading.seq == st.dropSeq) {
            // A reading of a message seen before: the ledger counts the duplicate, nothing else.
        } else if (refusal != null && in.seqMark == null) {
            refuse(in, refusal, st, ctx);
        } else if (in.edge != null) {
            in.edge.kind = Partial.EDGE;
            ctx.output(WINDOWS, in.edge);
        } else if (in.reading != null) {
            accept(List.of(in.reading), st, ctx, out);
        }
        st.lastArrivalMs = now;
        st.idleClosed = false;
        long wake = now + (settings.outOfOrderness > 0 ? quietMs() : settings.idleness);
        if (st.idleTimerMs == 0 || wake < st.idleTimerMs) {
            // One timer per device, at the next quiet release or idle close (pulled earlier when
            // data comes after a quiet release set it to the idle close).
            if (st.idleTimerMs != 0) {
                ctx.timerService().deleteProcessingTimeTimer(st.idleTimerMs);
            }
            st.idleTimerMs = wake;
            ctx.timerService().registerProcessingTimeTimer(wake);
        }
        if (!st.endTimer) {
            // Fires only on the end-of-input watermark of a bounded run (the sources emit no
            // other watermark): everything left is released and every window closes.
            st.endTimer = true;
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        clock.update(st);
    }

    /**
     * Whether message {@code seq} of this device was seen before (then true), else records it. Only
     * the 64 sequence numbers below the highest are remembered; older ones (and 0: no sequence) are
     * taken as new, and so is a lower number stamped later than the highest (a restart).
     */
    static boolean seenBefore(long seq, long eventTimeMs, ClockState st) {
        if (seq <= 0) {
            return false;
        }
        if (seq <= st.seqHigh && eventTimeMs > st.seqHighEventMs) {
            // A lower number stamped later than the highest: the device restarted its numbering
            // (a re-send carries its original, older time).
            st.seqHigh = seq;
            st.seqSeen = 0;
            st.seqHighEventMs = eventTimeMs;
            return false;
        }
        if (seq > st.seqHigh) {
            long shift = seq - st.seqHigh;
            long moved = shift >= 64 ? 0 : (st.seqSeen << shift);
            // The old high becomes bit shift - 1.
            st.seqSeen = st.seqHigh == 0 || shift > 64 ? moved : moved | (1L << (shift - 1));
            st.seqHigh = seq;
            st.seqHighEventMs = eventTimeMs;
            return false;
        }
        if (seq == st.seqHigh) {
            return true;
        }
        long back = st.seqHigh - 1 - seq;
        if (back >= 64) {
            return false;
        }
        boolean seen = (st.seqSeen & (1L << back)) != 0;
        st.seqSeen |= 1L << back;
        return seen;
    }

    /** Null when the clock takes data stamped {@code ts}, else the reason it is refused. */
    private String refusal(long ts, ClockState st, long now) {
        if (ts <= 0 || ts > MAX_EVENT_TIME_MS) {
            return Refusals.INVALID;
        }
        if (settings.maxFuture > 0 && ts > now + settings.maxFuture) {
            return Refusals.FUTURE;
        }
        if (st.releasedToMs != Long.MIN_VALUE && ts < st.releasedToMs - settings.maxLateness) {
            return Refusals.TOO_OLD;
        }
        return null;
    }

    private void refuse(Inbound in, String code, ClockState st, Context ctx) {
        String reason =
                switch (code) {
                    case Refusals.FUTURE ->
                            "event time "
                                    + in.eventTimeMs()
                                    + " is more than "
                                    + settings.maxFuture
                                    + " ms ahead of the job's clock";
                    case Refusals.INVALID ->
                            "event time "
                                    + in.eventTimeMs()
                                    + " is not a time (epoch ms from 1 to "
                                    + MAX_EVENT_TIME_MS
                                    + ")";
                    default ->
                            "event time "
                                    + in.eventTimeMs()
                                    + " is more than "
                                    + settings.maxLateness
                                    + " ms behind the device's clock "
                                    + st.releasedToMs;
                };
        (code.equals(Refusals.TOO_OLD) ? tooOld : future).inc();
        ctx.output(
                DEAD_LETTERS,
                in.reading != null
                        ? Refusals.of(in.reading, code, reason, settings.telemetryTopic)
                        : Refusals.of(in.edge, code, reason, settings.telemetryTopic));
    }

    /** Readings of one message (one event time): late, or buffered until the clock passes them. */
    private void accept(List<Reading> rs, ClockState st, Context ctx, Collector<Reading> out)
            throws Exception {
        long ts = rs.get(0).eventTimeMs;
        if (ts <= st.releasedToMs) {
            for (Reading r : rs) {
                late.inc();
                ctx.output(WINDOWS, Partial.of(r, Partial.LATE));
            }
            return;
        }
        List<Reading> atTs = pending.get(ts);
        if (atTs == null) {
            atTs = new ArrayList<>(rs);
        } else {
            atTs.addAll(rs);
        }
        pending.put(ts, atTs);
        st.minPendingMs = Math.min(st.minPendingMs, ts);
        if (!rs.get(0).aheadOfBacklog && ts > st.maxEventMs) {
            st.maxEventMs = ts;
            // As Flink's bounded out-of-orderness: a reading exactly the bound behind the newest
            // is still on time. Without a bound a message is released as it arrives (messages
            // come whole, so its own measurements cannot be behind it).
            long to = settings.outOfOrderness > 0 ? ts - settings.outOfOrderness - 1 : ts;
            if (to > st.releasedToMs) {
                release(to, st, ctx, out);
            }
        }
    }

    /** Emits every buffered reading at or before {@code to}, in order; the clock moves to it. */
    private void release(long to, ClockState st, Context ctx, Collector<Reading> out)
            throws Exception {
        long before = st.releasedToMs;
        if (st.minPendingMs <= to) {
            List<Long> due = new ArrayList<>();
            long minLeft = Long.MAX_VALUE;
            for (Long ts : pending.keys()) {
                if (ts <= to) {
                    due.add(ts);
                } else {
                    minLeft = Math.min(minLeft, ts);
                }
            }
            due.sort(null);
            for (Long ts : due) {
                List<Reading> atTs = pending.get(ts);
                atTs.sort(ORDER);
                ctx.output(PULSE, atTs.get(0));
                ctx.output(WINDOWS, Partial.ordered(atTs));
                for (Reading r : atTs) {
                    out.collect(r);
                }
                pending.remove(ts);
            }
            st.minPendingMs = minLeft;
        }
        st.releasedToMs = to;
        if (ledgerStep(to) > ledgerStep(before)) {
            ctx.output(LEDGER, SeqMark.tick(ctx.getCurrentKey(), to));
        }
    }

    private long ledgerStep(long clockMs) {
        if (clockMs == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        return Math.floorDiv(clockMs - settings.ledgerGrace, settings.ledgerWindow);
    }

    /**
     * Processing time: once the device has sent nothing for the out-of-orderness bound, what waits
     * in the buffer is released (the newest readings would otherwise wait for the next message);
     * after {@code idleness}, everything is flushed and its windows close. Event time: only the
     * end-of-input watermark of a bounded run, which flushes and closes too.
     */
    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<Reading> out) throws Exception {
        ClockState st = clock.value();
        if (st == null) {
            return;
        }
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            flush(st, ctx, out);
            st.endTimer = false; // a restored job that ends again flushes again
        } else {
            if (startedMs == Long.MIN_VALUE) {
                startedMs = ts; // the first thing after a restore: a full idleness again
            }
            st.idleTimerMs = 0;
            if (st.idleClosed) {
                clock.update(st);
                return;
            }
            long arrived = Math.max(st.lastArrivalMs, startedMs);
            long idleAt = arrived + settings.idleness;
            if (ts >= idleAt) {
                idleFlushes.inc();
                flush(st, ctx, out);
                st.idleClosed = true;
            } else {
                long quietAt = arrived + quietMs();
                if (ts >= quietAt && st.maxEventMs > st.releasedToMs) {
                    release(st.maxEventMs, st, ctx, out);
                }
                st.idleTimerMs = ts < quietAt ? quietAt : idleAt;
                ctx.timerService().registerProcessingTimeTimer(st.idleTimerMs);
            }
        }
        clock.update(st);
    }

    private long quietMs() {
        return Math.min(settings.outOfOrderness, settings.idleness);
    }

    /** Releases everything buffered and closes every open window of the device. */
    private void flush(ClockState st, OnTimerContext ctx, Collector<Reading> out) throws Exception {
        if (st.minPendingMs != Long.MAX_VALUE) {
            long last = Long.MIN_VALUE;
            for (Long ts : pending.keys()) {
                last = Math.max(last, ts);
            }
            release(Math.max(last, st.releasedToMs), st, ctx, out);
        }
        st.maxEventMs = Math.max(st.maxEventMs, st.releasedToMs);
        String device = ctx.getCurrentKey();
        ctx.output(WINDOWS, Partial.tick(device, Long.MAX_VALUE));
        ctx.output(LEDGER, SeqMark.tick(device, Long.MAX_VALUE));
    }
}
