package dev.lark.lineage;

import dev.lark.lineage.model.RunEvent;
import java.time.Duration;

final class DisabledLineageHook implements LineageHook {
    static final DisabledLineageHook INSTANCE = new DisabledLineageHook();

    @Override
    public void emit(RunEvent event) {
    }

    @Override
    public LineageMetrics metrics() {
        return LineageMetrics.DISABLED;
    }

    @Override
    public boolean awaitIdle(Duration timeout) {
        return true;
    }

    @Override
    public void close() {
    }
}
