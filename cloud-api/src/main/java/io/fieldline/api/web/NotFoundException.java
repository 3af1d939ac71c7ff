package io.fieldline.api.web;

/** An id in the path names nothing the service knows; answered with a 404 problem. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String detail) {
        super(detail);
    }
}
