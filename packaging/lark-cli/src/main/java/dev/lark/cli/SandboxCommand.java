package dev.lark.cli;

import dev.lark.sandbox.ComponentStatus;
import dev.lark.sandbox.Sandbox;
import dev.lark.sandbox.SandboxException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lark sandbox install|up|down|status --with a,b,c}. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Install, start, check and stop the real components on 127.0.0.1",
        subcommands = {SandboxCommand.Install.class, SandboxCommand.Up.class, SandboxCommand.Down.class,
            SandboxCommand.Status.class})
public final class SandboxCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    abstract static class Base implements Callable<Integer> {
        @Option(names = "--with", split = ",", defaultValue = "all",
                description = "Components (comma-separated) or 'all'. Default: ${DEFAULT-VALUE}")
        List<String> with;

        @Override
        public Integer call() throws Exception {
            Sandbox sandbox = Sandbox.fromEnvironment();
            try {
                return run(sandbox);
            } catch (SandboxException e) {
                System.err.println("lark sandbox: " + e.getMessage());
                return 1;
            }
        }

        abstract int run(Sandbox sandbox) throws Exception;
    }

    @Command(name = "install", description = "Fetch what the components need into ~/.cache/lark (needs network)")
    static final class Install extends Base {
        @Override
        int run(Sandbox sandbox) throws Exception {
            sandbox.install(with);
            System.out.println("installed: " + sandbox.withRequirements(with).stream()
                    .map(c -> c.name()).collect(java.util.stream.Collectors.joining(", ")));
            return 0;
        }
    }

    @Command(name = "up", description = "Start the components (and what they need) and wait until healthy")
    static final class Up extends Base {
        @Override
        int run(Sandbox sandbox) throws Exception {
            for (ComponentStatus s : sandbox.up(with)) {
                System.out.println(s);
            }
            return 0;
        }
    }

    @Command(name = "down", description = "Stop the components")
    static final class Down extends Base {
        @Override
        int run(Sandbox sandbox) throws Exception {
            sandbox.down(with);
            return 0;
        }
    }

    @Command(name = "status", description = "Show health, start time, memory and endpoints")
    static final class Status extends Base {
        @Override
        int run(Sandbox sandbox) throws Exception {
            sandbox.status().forEach(System.out::println);
            return 0;
        }
    }
}
