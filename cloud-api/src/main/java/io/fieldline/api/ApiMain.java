package io.fieldline.api;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.HashMap;
import java.util.Map;

/**
 * Entry point of the cloud API and dashboard. {@code main} runs it standalone (configuration from
 * {@code application.properties}, system properties and environment); {@link #start} embeds it in
 * another process, as the local demo stack does.
 */
public final class ApiMain {
    private ApiMain() {}

    public static void main(String[] args) {
        ApplicationContext context = Micronaut.build(args).mainClass(ApiMain.class).start();
        ApiServer server = new ApiServer(context);
        System.out.println("Fieldline dashboard: " + server.url());
    }

    /**
     * Starts the API on 127.0.0.1 against the given Kafka bootstrap servers.
     *
     * @param port the HTTP port, or 0 for any free port
     * @return the running server; close it to stop
     */
    public static ApiServer start(String bootstrap, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        Map<String, Object> props = new HashMap<>();
        props.put("fieldline.kafka.bootstrap", bootstrap);
        props.put("micronaut.server.host", "127.0.0.1");
        // Micronaut picks a random free port for -1.
        props.put("micronaut.server.port", port == 0 ? -1 : port);
        ApplicationContext context =
                Micronaut.build(new String[0])
                        .mainClass(ApiMain.class)
                        .banner(false)
                        .properties(props)
                        .start();
        return new ApiServer(context);
    }
}
