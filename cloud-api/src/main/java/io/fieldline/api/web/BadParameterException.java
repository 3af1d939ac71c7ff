package io.fieldline.api.web;

/** A request parameter (query, path or body field) is invalid; answered with a 400 problem. */
public final class BadParameterException extends RuntimeException {
    private final String parameter;

    public BadParameterException(String parameter, String detail) {
        super(detail);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
