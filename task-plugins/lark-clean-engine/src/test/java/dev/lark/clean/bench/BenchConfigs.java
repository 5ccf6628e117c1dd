package dev.lark.clean.bench;

/** The cleaning configs measured by {@link CleanBenchmark} (also printed in docs/benchmarks/clean.md). */
final class BenchConfigs {
    private BenchConfigs() {
    }

    private static final String TEN_FIELDS_SCHEMA = "\"schema\":{\"fields\":["
            + "{\"name\":\"ts\",\"type\":\"timestamp\",\"is_time\":true},{\"name\":\"user_id\",\"type\":\"long\"},"
            + "{\"name\":\"session\",\"type\":\"string\"},{\"name\":\"page\",\"type\":\"string\"},{\"name\":\"duration_ms\",\"type\":\"int\"},"
            + "{\"name\":\"score\",\"type\":\"double\"},{\"name\":\"country\",\"type\":\"string\"},{\"name\":\"is_new\",\"type\":\"boolean\"},"
            + "{\"name\":\"amount\",\"type\":\"decimal\"},{\"name\":\"device\",\"type\":\"string\"}],"
            + "\"time\":{\"formats\":[\"yyyy-MM-dd HH:mm:ss\"],\"timezone\":\"UTC\"}}";

    static final String FLAT = "{\"name\":\"flat\",\"steps\":[{\"label\":\"parse\",\"op\":\"json\",\"next\":[{\"label\":\"out\",\"op\":\"assign\",\"fields\":["
            + "{\"key\":\"ts\"},{\"key\":\"user_id\"},{\"key\":\"session\"},{\"key\":\"page\"},{\"key\":\"duration_ms\"},{\"key\":\"score\"},"
            + "{\"key\":\"country\"},{\"key\":\"is_new\"},{\"key\":\"amount\"},{\"key\":\"device\"}]}]}]," + TEN_FIELDS_SCHEMA + "}";

    static final String DELIMITER = "{\"name\":\"delimiter\",\"steps\":[{\"label\":\"split\",\"op\":\"delimiter\",\"delimiter\":\"|\",\"next\":[{\"label\":\"out\",\"op\":\"assign\",\"fields\":["
            + "{\"index\":0,\"as\":\"ts\"},{\"index\":1,\"as\":\"user_id\"},{\"index\":2,\"as\":\"session\"},{\"index\":3,\"as\":\"page\"},"
            + "{\"index\":4,\"as\":\"duration_ms\"},{\"index\":5,\"as\":\"score\"},{\"index\":6,\"as\":\"country\"},{\"index\":7,\"as\":\"is_new\"},"
            + "{\"index\":8,\"as\":\"amount\"},{\"index\":9,\"as\":\"device\"}]}]}]," + TEN_FIELDS_SCHEMA + "}";

    static final String NESTED = "{\"name\":\"nested\",\"steps\":[{\"label\":\"parse\",\"op\":\"json\",\"next\":["
            + "{\"label\":\"event\",\"op\":\"assign\",\"fields\":[{\"key\":\"event_time\",\"as\":\"ts\"},{\"key\":\"user\",\"as\":\"user_id\"},{\"key\":\"type\",\"as\":\"event_type\"}]},"
            + "{\"label\":\"items\",\"op\":\"access\",\"key\":\"items\",\"next\":[{\"label\":\"each\",\"op\":\"iterate\",\"next\":["
            + "{\"label\":\"item\",\"op\":\"assign\",\"fields\":[{\"key\":\"sku\"},{\"key\":\"qty\"},{\"key\":\"price\"}]}]}]}]}],"
            + "\"schema\":{\"fields\":[{\"name\":\"ts\",\"type\":\"timestamp\",\"is_time\":true},{\"name\":\"user_id\",\"type\":\"long\"},"
            + "{\"name\":\"event_type\",\"type\":\"string\"},{\"name\":\"sku\",\"type\":\"string\"},{\"name\":\"qty\",\"type\":\"int\"},"
            + "{\"name\":\"price\",\"type\":\"decimal\"}],\"time\":{\"formats\":[\"yyyy-MM-dd HH:mm:ss\"],\"timezone\":\"UTC\"}}}";

    static final String GROK = "{\"name\":\"nginx\",\"steps\":[{\"label\":\"grok\",\"op\":\"grok\",\"pattern\":\"%{COMBINEDAPACHELOG}\",\"next\":["
            + "{\"label\":\"out\",\"op\":\"assign\",\"fields\":[{\"key\":\"timestamp\",\"as\":\"ts\"},{\"key\":\"clientip\",\"as\":\"ip\"},"
            + "{\"key\":\"verb\"},{\"key\":\"request\",\"as\":\"path\"},{\"key\":\"response\",\"as\":\"status\"},{\"key\":\"bytes\",\"default\":0},"
            + "{\"key\":\"referrer\"},{\"key\":\"agent\"}]}]}],"
            + "\"schema\":{\"fields\":[{\"name\":\"ts\",\"type\":\"timestamp\",\"is_time\":true},{\"name\":\"ip\",\"type\":\"string\"},"
            + "{\"name\":\"verb\",\"type\":\"string\"},{\"name\":\"path\",\"type\":\"string\"},{\"name\":\"status\",\"type\":\"int\"},"
            + "{\"name\":\"bytes\",\"type\":\"long\"},{\"name\":\"referrer\",\"type\":\"string\"},{\"name\":\"agent\",\"type\":\"string\"}],"
            + "\"time\":{\"formats\":[\"dd/MMM/yyyy:HH:mm:ss Z\"],\"timezone\":\"UTC\"}}}";
}
