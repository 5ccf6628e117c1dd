package dev.lark.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an integration test that needs real sandbox components, e.g. {@code @Sandboxed({"kafka", "clickhouse"})}.
 * Components already running (started by {@code lark sandbox up}, as CI does) are reused; missing ones are started
 * once per test JVM and stopped when it ends. Test methods and constructors may take a {@link SandboxEndpoints}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(SandboxExtension.class)
public @interface Sandboxed {
    /** Component names, as in {@code lark sandbox status}. */
    String[] value();
}
