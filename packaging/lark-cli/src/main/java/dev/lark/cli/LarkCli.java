package dev.lark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lark} command line. Each capability adds its own sub-command class here. */
@Command(name = "lark", mixinStandardHelpOptions = true, version = "lark 0.1.0",
        description = "Lark: DolphinScheduler plugin suite tools",
        subcommands = {SandboxCommand.class, CleanCommand.class, IngestCommand.class, LineageCommand.class,
            dev.lark.cli.demo.DemoCommand.class})
public final class LarkCli implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LarkCli()).execute(args));
    }
}
