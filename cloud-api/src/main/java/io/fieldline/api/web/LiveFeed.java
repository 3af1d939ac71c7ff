package io.fieldline.api.web;

import io.fieldline.api.model.AggregateJson;
import io.fieldline.api.model.AlertJson;
import io.fieldline.api.view.LiveEvent;
import io.fieldline.proto.Alert;
import io.fieldline.proto.WindowAggregate;
import io.micronaut.http.sse.Event;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Fans new alerts and aggregates out to every open {@code /api/stream}. Best effort: a subscriber
 * too slow to keep up misses events rather than holding the loader back.
 */
public final class LiveFeed implements Consumer<LiveEvent> {
    private final Sinks.Many<Event<Object>> sink = Sinks.many().multicast().directBestEffort();

    /** Called from the single loader thread, so emissions are never concurrent. */
    @Override
    public void accept(LiveEvent e) {
        Object payload =
                e.message() instanceof Alert a
                        ? AlertJson.of(a)
                        : AggregateJson.of((WindowAggregate) e.message());
        sink.tryEmitNext(Event.of(payload).name(e.type()));
    }

    public Flux<Event<Object>> events() {
        return sink.asFlux();
    }

    public int subscribers() {
        return sink.currentSubscriberCount();
    }
}
