package dev.lark.lineage;

import java.util.Map;

/**
 * Creates a sink from configuration; found with {@link java.util.ServiceLoader} so the core needs no Atlas code.
 * {@code lark.lineage.sink=atlas} picks the factory whose {@link #name()} is {@code atlas}.
 */
public interface LineageSinkFactory {
    String name();

    /** {@code properties}: all {@code lark.lineage.*} settings (secrets included; never log them). */
    LineageSink create(Map<String, String> properties);
}
