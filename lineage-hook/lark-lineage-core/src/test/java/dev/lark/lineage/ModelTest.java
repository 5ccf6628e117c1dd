package dev.lark.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lark.lineage.model.ColumnRef;
import dev.lark.lineage.model.EventType;
import dev.lark.lineage.model.Job;
import dev.lark.lineage.model.LineageJson;
import dev.lark.lineage.model.QualityFacet;
import dev.lark.lineage.model.Run;
import dev.lark.lineage.model.RunEvent;
import dev.lark.lineage.model.RunState;
import dev.lark.lineage.model.ColumnLineage;
import dev.lark.lineage.naming.Datasets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ModelTest {

    @Test
    void eventSurvivesJsonRoundTripUnchanged() throws Exception {
        RunEvent e = SampleEvents.ingest(77);
        RunEvent back = LineageJson.fromBytes(LineageJson.toBytes(e));
        assertThat(back).isEqualTo(e);
        assertThat(back.getOutputs().get(0).getQuality().score()).isEqualTo(50.0);
        assertThat(back.getOutputs().get(0).getQuality().status()).isEqualTo(QualityFacet.Status.FAILED);
        assertThat(back.getRun().getExternalIds()).containsEntry(Run.FLINK_JOB_ID, "abc123");
        assertThat(back.getJob().namespace()).isEqualTo("1001");
        assertThat(new String(LineageJson.toBytes(e))).contains("\"eventTime\":\"2026-11-22T01:02:03Z\"");
    }

    @Test
    void objectsAreImmutable() {
        RunEvent e = SampleEvents.ingest(1);
        assertThatThrownBy(() -> e.getInputs().add(e.getOutputs().get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.getRun().getExternalIds().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void missingFieldsAreNamed() {
        assertThatThrownBy(() -> Job.builder().projectCode(1).workflowCode(2).taskCode(3).taskType("X").build())
                .hasMessageContaining("job.taskName");
        assertThatThrownBy(() -> Job.builder().projectCode(0).build()).hasMessageContaining("job.projectCode")
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> Run.builder().taskInstanceId(1).workflowInstanceId(1).state(RunState.SUCCESS).build())
                .hasMessageContaining("run.startTime");
    }

    @Test
    void columnLineageMustReferToInputsOrOutputs() {
        RunEvent ok = SampleEvents.ingest(1);
        ColumnRef stranger = new ColumnRef("other.t@ch-prod", "x");
        assertThatThrownBy(() -> ok.toBuilder()
                .addColumnLineage(ColumnLineage.identity(stranger, ColumnRef.of(ok.getOutputs().get(0), "id")))
                .build())
                .hasMessageContaining("other.t@ch-prod").hasMessageContaining("inputs/outputs");
    }

    @Test
    void eventIdAndTimeDefault() {
        RunEvent a = RunEvent.builder().eventType(EventType.START).job(SampleEvents.ingest(1).getJob())
                .run(Run.builder().taskInstanceId(1).workflowInstanceId(1).state(RunState.RUNNING)
                        .startTime(Instant.now()).build())
                .output(Datasets.kafkaTopic("primary", "Events").build()).build();
        assertThat(a.getEventId()).hasSize(36);
        assertThat(a.getEventTime()).isNotNull();
        assertThat(a.getOutputs().get(0).qualifiedName()).isEqualTo("events@primary");
    }
}
