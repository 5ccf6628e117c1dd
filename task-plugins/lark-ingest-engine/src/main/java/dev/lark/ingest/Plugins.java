package dev.lark.ingest;

import dev.lark.engine.common.ConfigException;
import dev.lark.ingest.job.JobSpec;
import dev.lark.ingest.job.Params;
import dev.lark.ingest.reader.KafkaReader;
import dev.lark.ingest.reader.RdbmsReader;
import dev.lark.ingest.reader.Reader;
import dev.lark.ingest.reader.StreamReader;
import dev.lark.ingest.reader.TxtFileReader;
import dev.lark.ingest.writer.ClickHouseWriter;
import dev.lark.ingest.writer.JdbcWriter;
import dev.lark.ingest.writer.KafkaWriter;
import dev.lark.ingest.writer.StreamWriter;
import dev.lark.ingest.writer.TxtFileWriter;
import dev.lark.ingest.writer.Writer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The reader and writer plugins Lark implements, by DataX name. */
public final class Plugins {
    private static final Map<String, Function<Params, Reader>> READERS = new LinkedHashMap<>();
    private static final Map<String, Function<Params, Writer>> WRITERS = new LinkedHashMap<>();

    static {
        READERS.put("streamreader", StreamReader::new);
        READERS.put("txtfilereader", TxtFileReader::new);
        READERS.put("mysqlreader", p -> new RdbmsReader("mysqlreader", p));
        READERS.put("postgresqlreader", p -> new RdbmsReader("postgresqlreader", p));
        READERS.put("rdbmsreader", p -> new RdbmsReader("rdbmsreader", p));
        READERS.put("clickhousereader", p -> new RdbmsReader("clickhousereader", p));
        READERS.put("kafkareader", KafkaReader::new);
        WRITERS.put("streamwriter", StreamWriter::new);
        WRITERS.put("txtfilewriter", TxtFileWriter::new);
        WRITERS.put("clickhousewriter", ClickHouseWriter::new);
        WRITERS.put("mysqlwriter", p -> new JdbcWriter("mysqlwriter", p));
        WRITERS.put("postgresqlwriter", p -> new JdbcWriter("postgresqlwriter", p));
        WRITERS.put("rdbmswriter", p -> new JdbcWriter("rdbmswriter", p));
        WRITERS.put("kafkawriter", KafkaWriter::new);
    }

    private Plugins() {
    }

    public static Set<String> readers() {
        return Collections.unmodifiableSet(READERS.keySet());
    }

    public static Set<String> writers() {
        return Collections.unmodifiableSet(WRITERS.keySet());
    }

    /** True when every plugin the job names is implemented here. */
    public static boolean supports(JobSpec spec) {
        for (JobSpec.Content c : spec.content()) {
            if (!READERS.containsKey(c.reader().name()) || !WRITERS.containsKey(c.writer().name())) {
                return false;
            }
        }
        return true;
    }

    public static Reader reader(JobSpec.Plugin plugin, String path) {
        Function<Params, Reader> f = READERS.get(plugin.name());
        if (f == null) {
            throw ConfigException.unknown(path + ".reader.name", plugin.name(), READERS.keySet());
        }
        return f.apply(plugin.parameter());
    }

    public static Writer writer(JobSpec.Plugin plugin, String path) {
        Function<Params, Writer> f = WRITERS.get(plugin.name());
        if (f == null) {
            throw ConfigException.unknown(path + ".writer.name", plugin.name(), WRITERS.keySet());
        }
        return f.apply(plugin.parameter());
    }
}
