package io.fieldline.jobs.model;

/** Composite state keys. The unit separator cannot appear in a sane device id or metric name. */
public final class Keys {
    private static final char SEP = '\u001f';

    private Keys() {}

    public static String deviceMetric(String deviceId, String metric) {
        return deviceId + SEP + metric;
    }

    public static String deviceOf(String deviceMetricKey) {
        int i = deviceMetricKey.indexOf(SEP);
        return i < 0 ? deviceMetricKey : deviceMetricKey.substring(0, i);
    }

    public static String metricOf(String deviceMetricKey) {
        int i = deviceMetricKey.indexOf(SEP);
        return i < 0 ? "" : deviceMetricKey.substring(i + 1);
    }
}
