package dev.lark.clean;

/** Why a record failed. Every dead-letter record carries exactly one kind. */
public enum ErrorKind {
    /** The text is not valid JSON (or not the JSON shape the step expects). */
    BAD_JSON,
    /** A CSV line is malformed (e.g. an unterminated quote). */
    BAD_CSV,
    /** An object has no such key and the step gives no default. */
    MISSING_KEY,
    /** A list has no such index and the step gives no default. */
    INDEX_OUT_OF_RANGE,
    /** A step got a value of the wrong shape (e.g. a string step got an object). */
    TYPE_MISMATCH,
    /** A value cannot be converted to the declared field type. */
    TYPE_CONVERSION,
    /** The time field matches none of the configured time formats. */
    TIME_FORMAT,
    /** The record has no value for the time field. */
    MISSING_TIME,
    /** A branch step found no case for the value and has no default. */
    NO_BRANCH_MATCHED,
    /** A regex, grok or dissect pattern did not match the text. */
    NO_MATCH,
    /** A url_decode step got a malformed %-escape. */
    BAD_URL_ENCODING,
    /** A calculate expression failed (non-numeric operand, division by zero). */
    CALCULATION,
    /** An unexpected failure inside the engine; the record is kept with the message. */
    INTERNAL
}
