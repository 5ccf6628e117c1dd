package dev.lark.sandbox.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkConfTest {

    @Test
    void everythingListensOn127001WithFixedPorts(@TempDir Path tmp) throws Exception {
        FlinkConf.write(tmp.resolve("conf"), tmp.resolve("run"));
        List<String> yaml = Files.readAllLines(tmp.resolve("conf/config.yaml"));

        assertThat(yaml).contains("rest.address: 127.0.0.1", "rest.bind-address: 127.0.0.1", "rest.port: 18081",
                "jobmanager.rpc.address: 127.0.0.1", "jobmanager.bind-host: 127.0.0.1",
                "taskmanager.host: 127.0.0.1", "taskmanager.bind-host: 127.0.0.1",
                "taskmanager.numberOfTaskSlots: 2", "jobmanager.memory.process.size: 768m",
                "taskmanager.memory.process.size: 1g");
        for (String portKey : List.of("jobmanager.rpc.port", "blob.server.port", "taskmanager.rpc.port",
                "taskmanager.data.port")) {
            String line = yaml.stream().filter(l -> l.startsWith(portKey + ": ")).findFirst().orElseThrow();
            assertThat(Integer.parseInt(line.substring(portKey.length() + 2))).as(portKey).isBetween(16100, 16200);
        }
    }

    @Test
    void stateDirectoriesAreUnderTheRunDirectoryAndJavaOptsAreQuoted(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        FlinkConf.write(tmp.resolve("conf"), run);
        String yaml = Files.readString(tmp.resolve("conf/config.yaml"));

        assertThat(yaml).contains("execution.checkpointing.dir: '" + run.resolve("checkpoints").toUri() + "'")
                .contains("execution.checkpointing.savepoint-dir: '" + run.resolve("savepoints").toUri() + "'")
                .contains("env.java.opts.all: '--add-exports=java.base/sun.net.util=ALL-UNNAMED ");
        assertThat(tmp.resolve("conf/log4j-console.properties")).exists();
        assertThat(tmp.resolve("conf/log4j-cli.properties")).exists();
    }
}
