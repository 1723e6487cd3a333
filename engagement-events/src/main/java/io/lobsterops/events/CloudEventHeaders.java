package io.lobsterops.events;

/**
 * The CloudEvents 1.0 Kafka protocol binding, binary content mode: the context attributes travel as {@code ce_}
 * headers, the payload is the record value, the record key is the engagement id.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String CONTENT_TYPE_JSON = "application/json";

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    /**
     * Headers of a record on the dead-letter topic, beside the original ones: why the consumer gave up (which
     * consumer, after how many attempts, the error) and the cause.
     */
    public static final String DLQ_REASON = "dead-letter-reason";
    public static final String DLQ_CAUSE = "dead-letter-cause";

    private CloudEventHeaders() {
    }
}
