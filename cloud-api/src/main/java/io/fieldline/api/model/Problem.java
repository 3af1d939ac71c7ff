package io.fieldline.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}).
 *
 * @param parameter for a 400, the query parameter, path variable or body field at fault
 */
@Serdeable
public record Problem(
        String type, String title, int status, String detail, @Nullable String parameter) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem badParameter(String parameter, String detail) {
        return new Problem("about:blank", "Bad Request", 400, detail, parameter);
    }

    public static Problem notFound(String detail) {
        return new Problem("about:blank", "Not Found", 404, detail, null);
    }

    public static Problem unavailable(String detail) {
        return new Problem("about:blank", "Service Unavailable", 503, detail, null);
    }
}
