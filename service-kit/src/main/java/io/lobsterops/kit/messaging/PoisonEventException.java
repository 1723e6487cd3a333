package io.lobsterops.kit.messaging;

/** An event that can never be processed as it is (not a CloudEvent, unreadable payload): no retry, straight to the DLQ. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
