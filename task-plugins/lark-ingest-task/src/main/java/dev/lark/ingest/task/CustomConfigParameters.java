package dev.lark.ingest.task;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.lark.engine.common.ConfigException;
import dev.lark.task.common.LarkParameters;
import java.util.List;

/**
 * The convention of DS's {@code DATAX} form that both ingest tasks keep: {@code customConfig: 1} runs the DataX job
 * pasted in {@code json}; anything else runs the form, whose source and target are DS datasources chosen by id.
 * Subclasses keep their own form fields and messages; the JSON field names {@code customConfig} and {@code json} are
 * the ones DS stores.
 */
abstract class CustomConfigParameters extends LarkParameters {
    private int customConfig;
    private String json;

    @Override
    public final void validate() {
        if (customConfig == 1) {
            if (json == null || json.trim().isEmpty()) {
                throw ConfigException.missing("json", missingJsonFix());
            }
            validateJson(json);
            return;
        }
        validateForm();
    }

    /** The fix named when {@code customConfig} is 1 and {@code json} is empty. */
    abstract String missingJsonFix();

    /** Checks the pasted DataX job (never blank here). */
    abstract void validateJson(String json);

    /** Checks the form fields ({@code customConfig} is not 1 here). */
    abstract void validateForm();

    /** The form's source datasource id. */
    abstract int sourceDatasourceId();

    /** The form's target datasource id. */
    abstract int targetDatasourceId();

    @Override
    @JsonIgnore
    public final List<Integer> datasourceIds() {
        // a pasted job carries its own connections: DS resolves no datasource for it
        return customConfig == 1 ? List.of() : List.of(sourceDatasourceId(), targetDatasourceId());
    }

    public int getCustomConfig() {
        return customConfig;
    }

    public void setCustomConfig(int customConfig) {
        this.customConfig = customConfig;
    }

    public String getJson() {
        return json;
    }

    public void setJson(String json) {
        this.json = json;
    }
}
