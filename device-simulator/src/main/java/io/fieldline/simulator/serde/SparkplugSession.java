package io.fieldline.simulator.serde;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated device as a Sparkplug B edge node ({@code spBv1.0/{group}/.../{device id}}) with
 * one Sparkplug device, {@value #DEVICE}, under it. It keeps the node's sequence number (0 on
 * NBIRTH, then +1 per message, 255 wraps to 0) and the metric aliases its DBIRTH defined. After
 * each (re)connect the first reading is preceded by NBIRTH and DBIRTH; a metric the DBIRTH did not
 * name triggers a new DBIRTH. Used on the owning shard's thread only.
 */
public final class SparkplugSession {
    /** The Sparkplug device id under every simulated edge node. */
    public static final String DEVICE = "asset";

    /** One MQTT publish. */
    public record Message(String topic, byte[] payload) {}

    private final String nodeBirthTopic;
    private final String deviceBirthTopic;
    private final String dataTopic;
    private final boolean useAliases;
    private final Map<String, Long> aliases = new LinkedHashMap<>();
    private boolean born;
    private int seq;

    public SparkplugSession(String group, String deviceId, boolean useAliases) {
        String node = "spBv1.0/" + group + "/%s/" + deviceId;
        this.nodeBirthTopic = node.formatted("NBIRTH");
        this.deviceBirthTopic = node.formatted("DBIRTH") + "/" + DEVICE;
        this.dataTopic = node.formatted("DDATA") + "/" + DEVICE;
        this.useAliases = useAliases;
    }

    /**
     * The device id the gateway derives from the topics ({@code group.node.device}); the pipeline's
     * alerts and ledger use it.
     */
    public static String pipelineDeviceId(String group, String deviceId) {
        return group + "." + deviceId + "." + DEVICE;
    }

    public String dataTopic() {
        return dataTopic;
    }

    /** A new MQTT session: the next reading is preceded by the BIRTH messages. */
    public void reset() {
        born = false;
    }

    /** The BIRTH messages to send before a reading with these metrics (often none). */
    public List<Message> birthsBefore(long timestampMs, Map<String, Double> metrics) {
        List<Message> out = new ArrayList<>(2);
        if (!born) {
            seq = 1; // the NBIRTH takes 0
            out.add(
                    new Message(
                            nodeBirthTopic, SparkplugPayloads.birth(timestampMs, 0, List.of())));
            aliases.clear();
        }
        if (!born || !aliases.keySet().containsAll(metrics.keySet())) {
            metrics.keySet().forEach(m -> aliases.putIfAbsent(m, aliases.size() + 1L));
            byte[] birth =
                    SparkplugPayloads.birth(timestampMs, nextSeq(), List.copyOf(aliases.keySet()));
            out.add(new Message(deviceBirthTopic, birth));
        }
        born = true;
        return out;
    }

    /** A DDATA payload for this reading (call {@link #birthsBefore} first). */
    public byte[] data(long timestampMs, Map<String, Double> metrics) {
        return SparkplugPayloads.data(
                timestampMs, nextSeq(), metrics, useAliases ? aliases : Map.of());
    }

    private long nextSeq() {
        int s = seq;
        seq = (seq + 1) & 0xFF;
        return s;
    }
}
