package io.fieldline.jobs.model;

/**
 * Keyed state of one rule for one device/metric: whether an alert episode is open, the recent
 * readings of a pattern rule (a ring of the last M), and a detector rule's detector.
 */
public class RuleState {
    public String version;
    public boolean inEpisode;
    public long[] ringTimes;
    public boolean[] ringAbove;
    public int ringNext;
    public int ringSize;
    public DetectorHolder detector;

    public RuleState() {}

    public static RuleState forRule(RuleRecord rule) {
        RuleState s = new RuleState();
        s.version = rule.version();
        if (rule.patternM > 0) {
            s.ringTimes = new long[rule.patternM];
            s.ringAbove = new boolean[rule.patternM];
        }
        return s;
    }

    /** Adds a reading to the ring and counts those above within {@code withinMs} of it. */
    public int pushAndCount(long timeMs, boolean above, long withinMs) {
        ringTimes[ringNext] = timeMs;
        ringAbove[ringNext] = above;
        ringNext = (ringNext + 1) % ringTimes.length;
        ringSize = Math.min(ringSize + 1, ringTimes.length);
        int count = 0;
        for (int i = 0; i < ringSize; i++) {
            if (ringAbove[i] && (withinMs <= 0 || timeMs - ringTimes[i] <= withinMs)) {
                count++;
            }
        }
        return count;
    }
}
