package dev.lark.sandbox.atlas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code atlas.home} of one Atlas start, {@code <run>/atlas/home}: {@code conf/} (generated), {@code models}
 * (a link to the shared models), {@code solr/} (the embedded Solr templates), {@code data/} (graph, index, Kafka),
 * {@code logs/}, {@code tmp/} and {@code launcher/} (the one launcher class).
 */
final class AtlasHome {
    private final Path dir;

    private AtlasHome(Path dir) {
        this.dir = dir;
    }

    static AtlasHome at(Path dir) {
        return new AtlasHome(dir);
    }

    /** Deletes whatever an earlier start left and creates the empty layout. */
    static AtlasHome fresh(Path dir) throws IOException {
        AtlasDistribution.deleteTree(dir);
        AtlasHome h = new AtlasHome(dir);
        for (Path p : new Path[] {h.conf(), h.data(), h.logs(), h.tmp(), h.launcherClasses()}) {
            Files.createDirectories(p);
        }
        return h;
    }

    Path dir() {
        return dir;
    }

    Path conf() {
        return dir.resolve("conf");
    }

    Path models() {
        return dir.resolve("models");
    }

    Path data() {
        return dir.resolve("data");
    }

    Path logs() {
        return dir.resolve("logs");
    }

    Path tmp() {
        return dir.resolve("tmp");
    }

    Path launcherClasses() {
        return dir.resolve("launcher");
    }

    /** Atlas's own log (log4j {@code FILE} appender); the process's stdout goes to {@code <run>/atlas/atlas.log}. */
    Path applicationLog() {
        return logs().resolve("application.log");
    }
}
