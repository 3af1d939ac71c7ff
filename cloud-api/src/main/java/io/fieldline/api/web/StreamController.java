package io.fieldline.api.web;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import java.time.Duration;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * {@code GET /api/stream}: server-sent events named {@code alert} and {@code aggregate}, one per
 * new record. A {@code hello} event opens the stream (so a client knows it is subscribed) and a
 * {@code ping} every 15 s keeps idle connections open.
 */
@Controller("/api/stream")
final class StreamController {
    private static final Duration PING = Duration.ofSeconds(15);
    private final LiveFeed feed;

    StreamController(LiveFeed feed) {
        this.feed = feed;
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<Object>> stream() {
        Flux<Event<Object>> pings =
                Flux.interval(PING, PING)
                        .map(i -> Event.<Object>of(Map.of("ping", i)).name("ping"));
        return Flux.concat(
                Flux.just(Event.<Object>of(Map.of("subscribed", true)).name("hello")),
                Flux.merge(feed.events(), pings));
    }
}
