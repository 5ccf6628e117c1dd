package dev.lark.sandbox.atlas;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of the Atlas JVM: Java 17, the opens Atlas 2.1.0 needs there, our launcher as main class. */
final class AtlasCommand {
    /**
     * Packages Atlas 2.1.0's libraries (JanusGraph, Solr, Kafka 2.0, Jersey, Groovy, Spring) reach into by
     * reflection; without them start-up dies in one of them on Java 17.
     */
    static final List<String> ADD_OPENS = List.of(
            "java.base/java.lang", "java.base/java.lang.reflect", "java.base/java.lang.invoke",
            "java.base/java.util", "java.base/java.util.concurrent", "java.base/java.util.concurrent.atomic",
            "java.base/java.io", "java.base/java.nio", "java.base/sun.nio.ch", "java.base/java.net",
            "java.base/java.text", "java.base/java.security", "java.base/jdk.internal.misc",
            "java.base/jdk.internal.ref", "java.base/jdk.internal.reflect", "java.base/sun.security.action",
            "java.base/java.time", "java.sql/java.sql", "java.management/sun.management",
            "java.rmi/sun.rmi.transport");
    static final String HEAP = "-Xmx768m";

    private final String java;
    private final Path webapp;
    private final AtlasHome home;

    AtlasCommand(String java, Path webapp, AtlasHome home) {
        this.java = java;
        this.webapp = webapp;
        this.home = home;
    }

    List<String> build() {
        List<String> c = new ArrayList<>();
        c.add(java);
        c.add(HEAP);
        c.add("-XX:+ExitOnOutOfMemoryError");
        for (String o : ADD_OPENS) {
            c.add("--add-opens");
            c.add(o + "=ALL-UNNAMED");
        }
        c.add("-Datlas.home=" + home.dir());
        c.add("-Datlas.conf=" + home.conf());
        c.add("-Datlas.data=" + home.data());
        c.add("-Datlas.log.dir=" + home.logs());
        c.add("-Datlas.log.file=application.log");
        c.add("-Dlog4j.configuration=file:" + home.conf().resolve("atlas-log4j.xml"));
        // LocalSolrRunner reads <dir>/solr/core-template and keeps its index under <dir>/data/index
        c.add("-Dembedded.solr.directory=" + home.dir());
        c.add("-Dsolr.log.dir=" + home.logs());
        // the Solr test framework's Jetty: test mode, no extra connectors
        c.add("-Djetty.testMode=true");
        c.add("-Djava.io.tmpdir=" + home.tmp());
        c.add("-Djava.net.preferIPv4Stack=true");
        c.add("-cp");
        c.add(String.join(":", home.conf().toString(), webapp.resolve("WEB-INF/classes").toString(),
                webapp.resolve("WEB-INF/lib").toString() + "/*", home.launcherClasses().toString()));
        c.add(AtlasLauncher.class.getName());
        c.add("-app");
        c.add(webapp.toString());
        return c;
    }
}
