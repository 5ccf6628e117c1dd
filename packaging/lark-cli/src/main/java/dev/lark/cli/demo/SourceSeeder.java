package dev.lark.cli.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts the demo's source data in place: the MariaDB table {@code orders} and the raw event topic (both recreated,
 * so every demo starts from the same state, and the clean task's consumer group forgotten), plus an empty
 * dead-letter topic.
 */
final class SourceSeeder {
    private static final int BATCH = 5_000;

    private final DemoData data;
    private final Consumer<String> progress;

    SourceSeeder(DemoData data, Consumer<String> progress) {
        this.data = data;
        this.progress = progress;
    }

    /** Recreates {@code <database>.orders} and fills it; returns the row count read back. */
    long seedOrders(Map<String, String> mariadb) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", require(mariadb, "mariadb", "user"));
        props.setProperty("password", mariadb.getOrDefault("password", ""));
        try (Connection c = DriverManager.getConnection(require(mariadb, "mariadb", "jdbcUrl"), props)) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS `" + DemoPipeline.ORDERS_TABLE + "`");
                s.execute("CREATE TABLE `" + DemoPipeline.ORDERS_TABLE + "` ("
                        + "id BIGINT NOT NULL PRIMARY KEY, customer_id INT NOT NULL, product VARCHAR(64) NOT NULL,"
                        + " quantity INT NOT NULL, amount DECIMAL(12,2) NOT NULL, status VARCHAR(16) NOT NULL,"
                        + " created_at DATETIME NOT NULL) ENGINE=InnoDB");
                // DS 3.1.1 logs the password of a datasource it creates, and a DataX job JSON carries one in the
                // task definition: the pipeline reads through a user that has no secret to leak, can only SELECT
                // this one table and only log in from 127.0.0.1 of the loopback-only namespace
                s.execute("CREATE USER IF NOT EXISTS '" + DemoPipeline.READER_USER + "'@'127.0.0.1' IDENTIFIED BY ''");
                s.execute("GRANT SELECT ON `" + c.getCatalog() + "`.`" + DemoPipeline.ORDERS_TABLE + "` TO '"
                        + DemoPipeline.READER_USER + "'@'127.0.0.1'");
            }
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            long lastReport = t0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO `" + DemoPipeline.ORDERS_TABLE
                    + "` (id, customer_id, product, quantity, amount, status, created_at) VALUES (?,?,?,?,?,?,?)")) {
                for (long id = 1; id <= data.orders(); id++) {
                    DemoData.Order o = data.order(id);
                    ps.setLong(1, o.id());
                    ps.setInt(2, o.customerId());
                    ps.setString(3, o.product());
                    ps.setInt(4, o.quantity());
                    ps.setBigDecimal(5, o.amount());
                    ps.setString(6, o.status());
                    ps.setTimestamp(7, Timestamp.valueOf(o.createdAt()));
                    ps.addBatch();
                    if (id % BATCH == 0 || id == data.orders()) {
                        ps.executeBatch();
                        c.commit();
                        long now = System.nanoTime();
                        if (now - lastReport > 3_000_000_000L || id == data.orders()) {
                            lastReport = now;
                            progress.accept(String.format(java.util.Locale.ROOT,
                                    "  orders: %,d / %,d rows (%.0f%%, %,.0f rows/s)", id, data.orders(),
                                    100.0 * id / data.orders(), id / ((now - t0) / 1e9)));
                        }
                    }
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM `"
                    + DemoPipeline.ORDERS_TABLE + "`")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Recreates the raw and dead-letter topics and produces the events; returns the raw topic's message count. */
    long seedEvents(String bootstrap, String rawTopic, String deadTopic, String consumerGroup) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // the clean task reads from its group's committed offsets: forget them with the topic, so a demo run
            // after an earlier one cleans the whole new topic
            deleteGroup(admin, consumerGroup);
            recreate(admin, rawTopic, 2);
            recreate(admin, deadTopic, 1);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < data.events(); i++) {
                // keyed by event number: a stable spread over the two partitions
                producer.send(new ProducerRecord<>(rawTopic, Integer.toString(i), data.event(i)));
            }
            producer.flush();
        }
        return messageCount(bootstrap, rawTopic);
    }

    /** Messages between the beginning and end offsets of every partition (the topics here are never compacted). */
    static long messageCount(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> parts.add(new TopicPartition(topic,
                    i.partition())));
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            Map<TopicPartition, Long> begin = c.beginningOffsets(parts);
            return parts.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
        }
    }

    private static void deleteGroup(Admin admin, String group) throws Exception {
        try {
            admin.deleteConsumerGroups(List.of(group)).all().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupNotEmptyException) {
                throw new IllegalStateException("Kafka consumer group " + group + " still has members: is a demo"
                        + " workflow still running? Stop it in DS, then run the demo again", e.getCause());
            }
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    private static void recreate(Admin admin, String topic, int partitions) throws Exception {
        try {
            admin.deleteTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
        // deletion is asynchronous: creating the same name fails until the broker has finished it
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    static String require(Map<String, String> endpoints, String component, String key) {
        String v = endpoints.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalStateException(component + " publishes no '" + key + "' endpoint: is it running? ("
                    + "packaging/bin/lark-netns packaging/bin/lark sandbox up --with " + component + ")");
        }
        return v;
    }
}
