package dev.lark.engine.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a run read and wrote, DS-free: input and output datasets and the column mapping between them. Engines fill
 * one in; the DS binding hands it to the lineage hook. Dataset names never carry credentials.
 */
public final class LineageReport {
    private final List<Dataset> inputs;
    private final List<Dataset> outputs;
    private final List<ColumnMapping> columns;

    private LineageReport(List<Dataset> inputs, List<Dataset> outputs, List<ColumnMapping> columns) {
        this.inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
        this.outputs = Collections.unmodifiableList(new ArrayList<>(outputs));
        this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
    }

    public static LineageReport of(List<Dataset> inputs, List<Dataset> outputs, List<ColumnMapping> columns) {
        return new LineageReport(inputs, outputs, columns);
    }

    public static LineageReport empty() {
        return new LineageReport(List.of(), List.of(), List.of());
    }

    public List<Dataset> inputs() {
        return inputs;
    }

    public List<Dataset> outputs() {
        return outputs;
    }

    public List<ColumnMapping> columns() {
        return columns;
    }

    public boolean isEmpty() {
        return inputs.isEmpty() && outputs.isEmpty();
    }

    @Override
    public String toString() {
        return "LineageReport{inputs=" + inputs + ", outputs=" + outputs + ", columns=" + columns + '}';
    }

    /**
     * A table, topic or file. {@code system} is e.g. {@code mysql}, {@code postgresql}, {@code clickhouse},
     * {@code kafka}, {@code file}; {@code location} is host:port (or a path for files); {@code name} is the qualified
     * table/topic name; {@code attributes} holds extras such as the partition or the row count.
     */
    public static final class Dataset {
        private final String system;
        private final String location;
        private final String name;
        private final Map<String, String> attributes;

        public Dataset(String system, String location, String name, Map<String, String> attributes) {
            this.system = Objects.requireNonNull(system, "system");
            this.location = location == null ? "" : Secrets.redact(location);
            this.name = Objects.requireNonNull(name, "name");
            this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes == null ? Map.of()
                    : attributes));
        }

        public static Dataset of(String system, String location, String name) {
            return new Dataset(system, location, name, Map.of());
        }

        public String system() {
            return system;
        }

        public String location() {
            return location;
        }

        public String name() {
            return name;
        }

        public Map<String, String> attributes() {
            return attributes;
        }

        /** {@code system://location/name}, a stable identifier for the dataset. */
        public String qualifiedName() {
            return system + "://" + location + "/" + name;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Dataset)) {
                return false;
            }
            Dataset d = (Dataset) o;
            return system.equals(d.system) && location.equals(d.location) && name.equals(d.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(system, location, name);
        }

        @Override
        public String toString() {
            return qualifiedName();
        }
    }

    /** Target column fed by source columns (one for a copy, several for an expression). */
    public static final class ColumnMapping {
        private final Dataset target;
        private final String targetColumn;
        private final Dataset source;
        private final List<String> sourceColumns;
        private final String transform;

        public ColumnMapping(Dataset source, List<String> sourceColumns, Dataset target, String targetColumn,
                String transform) {
            this.source = source;
            this.sourceColumns = Collections.unmodifiableList(new ArrayList<>(sourceColumns));
            this.target = target;
            this.targetColumn = targetColumn;
            this.transform = transform;
        }

        public Dataset source() {
            return source;
        }

        public List<String> sourceColumns() {
            return sourceColumns;
        }

        public Dataset target() {
            return target;
        }

        public String targetColumn() {
            return targetColumn;
        }

        /** How the value is derived, e.g. {@code copy} or an expression; null when unknown. */
        public String transform() {
            return transform;
        }

        @Override
        public String toString() {
            return source.name() + sourceColumns + " -> " + target.name() + "." + targetColumn;
        }
    }
}
