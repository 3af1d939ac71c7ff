package io.fieldline.api.web;

import io.fieldline.api.kafka.RulePublisher.PublishException;
import io.fieldline.api.model.Problem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turns the API's exceptions into {@code application/problem+json} responses. */
final class ProblemHandlers {
    private ProblemHandlers() {}

    private static HttpResponse<Problem> respond(Problem p) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(p.status()))
                .body(p)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Requires(classes = BadParameterException.class)
    static final class BadParameter
            implements ExceptionHandler<BadParameterException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, BadParameterException e) {
            return respond(Problem.badParameter(e.parameter(), e.getMessage()));
        }
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Requires(classes = NotFoundException.class)
    static final class NotFound
            implements ExceptionHandler<NotFoundException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, NotFoundException e) {
            return respond(Problem.notFound(e.getMessage()));
        }
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Requires(classes = PublishException.class)
    static final class Unavailable
            implements ExceptionHandler<PublishException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, PublishException e) {
            return respond(Problem.unavailable(e.getMessage()));
        }
    }
}
