package io.parley.vonage;

/**
 * What one SDK call is about, so that its failure can name it: the resource and id a 404 refers to, and the request
 * field a local validation error of the SDK is about.
 */
record VonageCall(String operation, String resource, String id, String field) {

    static VonageCall of(String operation, String resource, String id) {
        return new VonageCall(operation, resource, id, "body");
    }

    VonageCall field(String requestField) {
        return new VonageCall(operation, resource, id, requestField);
    }
}
