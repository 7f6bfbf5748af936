package vn.bluezone.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.testsupport.TestInfrastructure;

/** Partition counts and topic settings the services agree on, checked against a real broker at start-up. */
class TopicAgreementIT {

    final TestInfrastructure infra = TestInfrastructure.get();

    @Test
    void aSightingsTopicWithAnotherPartitionCountStopsTheStartWithAClearMessageAndIsLeftAsItWas() throws Exception {
        int existing = sightingsPartitions();

        assertThatThrownBy(() -> start(existing + 2).close())
                .rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Topics.SIGHTINGS + " has " + existing + " partitions")
                .hasMessageContaining("configured for " + (existing + 2));
        assertThat(sightingsPartitions()).as("no partitions were added").isEqualTo(existing);
    }

    @Test
    void theSettingsOfAnExistingTopicAreReconciledAtStartUp() throws Exception {
        int existing = sightingsPartitions();
        try (Admin admin = admin()) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SIGHTINGS);
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                    new ConfigEntry("retention.ms", "60000"), org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET))))
                    .all().get();
            try (ConfigurableApplicationContext context = start(existing)) {
                assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic).get("retention.ms").value())
                        .isEqualTo(String.valueOf(14 * 86_400_000L));
            }
        }
    }

    private ConfigurableApplicationContext start(int partitions) {
        return UploadServiceInstance.start("--bluezone.upload.topic-partitions=" + partitions);
    }

    /** The sightings topic's partition count, creating it as the upload API tests do (3) if it is missing. */
    private int sightingsPartitions() throws Exception {
        try (Admin admin = admin()) {
            try {
                admin.createTopics(List.of(Topics.definition(Topics.SIGHTINGS, 3, (short) 1, 14))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            return admin.describeTopics(List.of(Topics.SIGHTINGS)).allTopicNames().get().get(Topics.SIGHTINGS)
                    .partitions().size();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", infra.kafkaBootstrapServers()));
    }
}
