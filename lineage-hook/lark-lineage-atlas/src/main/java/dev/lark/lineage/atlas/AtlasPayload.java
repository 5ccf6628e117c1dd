package dev.lark.lineage.atlas;

import dev.lark.lineage.model.QualityFacet;
import java.util.ArrayList;
import java.util.List;

/** What one RunEvent becomes in Atlas: entities, plus quality updates applied after the entities exist. */
final class AtlasPayload {
    final List<EntityDraft> entities = new ArrayList<>();
    final List<QualityUpdate> quality = new ArrayList<>();

    /** DataQuality business metadata + DataQualityIssue classification for one dataset, and its rules to prune. */
    static final class QualityUpdate {
        final EntityDraft.Ref dataset;
        final QualityFacet facet;
        final long checkTimeMillis;
        final List<EntityDraft.Ref> rules;

        QualityUpdate(EntityDraft.Ref dataset, QualityFacet facet, long checkTimeMillis, List<EntityDraft.Ref> rules) {
            this.dataset = dataset;
            this.facet = facet;
            this.checkTimeMillis = checkTimeMillis;
            this.rules = rules;
        }
    }
}
