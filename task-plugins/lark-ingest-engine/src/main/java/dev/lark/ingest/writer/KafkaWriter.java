package dev.lark.ingest.writer;

import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.LineageReport;
import dev.lark.ingest.IngestContext;
import dev.lark.ingest.convert.Values;
import dev.lark.ingest.job.Params;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code kafkawriter}: JSON or CSV messages, optional {@code keyColumn}, idempotent producer ({@code acks=all}).
 * With {@code transactional} (default) each channel writes in a Kafka transaction committed only when the whole job
 * commits, so {@code read_committed} consumers never see a failed or killed run's messages.
 */
public final class KafkaWriter implements Writer {
    public static final Set<String> PARAMETERS = Set.of("bootstrapServers", "topic", "format", "keyColumn",
            "fieldDelimiter", "properties", "transactional", "column");

    private final String servers;
    private final String topic;
    private final String format;
    private final String keyColumn;
    private final String delimiter;
    private final boolean transactional;
    private final List<String> columnParam;
    private final Map<String, String> props = new HashMap<>();
    private final List<KafkaProducer<String, String>> producers = new CopyOnWriteArrayList<>();
    private List<String> columns;
    private int keyIndex = -1;
    private String txPrefix;

    public KafkaWriter(Params p) {
        p.checkKnown(PARAMETERS);
        this.servers = p.requireString("bootstrapServers", "give host:port of the Kafka brokers");
        this.topic = p.requireString("topic", "name the topic to write");
        this.format = p.string("format", "json").toLowerCase(Locale.ROOT);
        if (!Set.of("json", "csv").contains(format)) {
            throw ConfigException.unknown(p.path("format"), format, Set.of("json", "csv"));
        }
        this.keyColumn = p.string("keyColumn", null);
        String d = p.string("fieldDelimiter", ",");
        this.delimiter = d.equals("\\t") ? "\t" : d;
        this.transactional = p.bool("transactional", true);
        this.columnParam = p.strings("column");
        Params pr = p.object("properties");
        Iterator<String> it = pr.raw().fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            props.put(k, pr.raw().get(k).asText());
        }
    }

    @Override
    public void prepare(IngestContext ctx, List<String> sourceColumns) {
        if (!columnParam.isEmpty() && !(columnParam.size() == 1 && columnParam.get(0).equals("*"))) {
            if (columnParam.size() != sourceColumns.size()) {
                throw ConfigException.invalid("writer.parameter.column", columnParam, "the reader yields "
                        + sourceColumns.size() + " columns " + sourceColumns);
            }
            columns = new ArrayList<>(columnParam);
        } else {
            columns = new ArrayList<>(sourceColumns);
        }
        if (keyColumn != null) {
            keyIndex = columns.indexOf(keyColumn);
            if (keyIndex < 0) {
                throw ConfigException.unknown("writer.parameter.keyColumn", keyColumn, columns);
            }
        }
        txPrefix = "lark-" + Integer.toHexString((ctx.jobKey() + "|" + ctx.runKey()).hashCode());
    }

    @Override
    public WriterChannel open(int channel) {
        Properties p = new Properties();
        p.putAll(props);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        if (transactional) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txPrefix + "-" + channel);
            p.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "900000");
        }
        KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer());
        if (transactional) {
            producer.initTransactions();
            producer.beginTransaction();
        }
        producers.add(producer);
        return new WriterChannel() {
            @Override
            public void write(List<Object[]> batch, DirtySink dirty) throws Exception {
                for (Object[] row : batch) {
                    String key = keyIndex >= 0 && row[keyIndex] != null ? Values.display(row[keyIndex]) : null;
                    producer.send(new ProducerRecord<>(topic, key, format(row)));
                }
            }

            @Override
            public void finish() {
                producer.flush();
            }
        };
    }

    private String format(Object[] row) throws Exception {
        if (format.equals("csv")) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    sb.append(delimiter);
                }
                sb.append(row[i] == null ? "" : Values.display(row[i]));
            }
            return sb.toString();
        }
        return JsonRow.write(columns, row);
    }

    @Override
    public void commit(CommitRequest request) {
        for (KafkaProducer<String, String> p : producers) {
            if (transactional) {
                p.commitTransaction();
            } else {
                p.flush();
            }
        }
    }

    @Override
    public void abort() {
        if (transactional) {
            // a failed abort is harmless: the broker aborts the transaction at its timeout anyway
            BestEffort.forEach(producers, KafkaProducer::abortTransaction);
        }
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public LineageReport.Dataset dataset() {
        return LineageReport.Dataset.of("kafka", servers.split(",")[0], topic);
    }

    @Override
    public void close() {
        for (KafkaProducer<String, String> p : producers) {
            p.close();
        }
    }
}
