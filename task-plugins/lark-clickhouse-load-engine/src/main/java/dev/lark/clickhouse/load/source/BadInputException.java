package dev.lark.clickhouse.load.source;

import dev.lark.clickhouse.load.LoadException;

/** Source data that does not fit the table, found before anything was loaded. */
public class BadInputException extends LoadException {
    public BadInputException(String message) {
        super(message);
    }
}
