package dev.lark.lineage.journal;

import dev.lark.lineage.LineageConfig;
import dev.lark.lineage.LineageHook;
import dev.lark.lineage.LineageHooks;
import dev.lark.lineage.LineageSink;
import dev.lark.lineage.SampleEvents;
import java.nio.file.Path;
import java.time.Duration;

/** Child JVM for the crash test: emits N events to a hook whose sink is down, reports, then waits to be killed. */
public final class EmitThenHang {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        LineageSink down = new LineageSink() {
            @Override
            public java.util.List<dev.lark.lineage.DeliveryOutcome> deliver(java.util.List<dev.lark.lineage.model.RunEvent> e)
                    throws Exception {
                throw new java.net.ConnectException("Connection refused (sink down for the test)");
            }

            @Override
            public String name() {
                return "down";
            }
        };
        LineageHook hook = LineageHooks.open(LineageConfig.builder().journalDir(Path.of(args[0]))
                .retryInitialDelay(Duration.ofMillis(50)).retryMaxDelay(Duration.ofMillis(200)).build(), down);
        for (int i = 1; i <= n; i++) {
            hook.emit(SampleEvents.ingest(i));
        }
        System.out.println("journaled " + hook.metrics().emitted());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
