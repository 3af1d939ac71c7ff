package io.fieldline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedKafkaLifecycleTest {

    @Test
    void extensionInjectsARunningCluster(EmbeddedKafka kafka) throws Exception {
        assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
        EmbeddedKafkaTest.connect(kafka.bootstrapServers());
    }

    @Test
    void closeTwiceIsFineAndDeletesDataAndReleasesThePort() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        Path data = kafka.dataDirectory();
        String bootstrap = kafka.bootstrapServers();
        assertThat(data).isDirectory();

        kafka.close();
        kafka.close();

        assertThat(Files.exists(data)).isFalse();
        assertThatThrownBy(() -> EmbeddedKafkaTest.connect(bootstrap))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void rejectsZeroBrokers() {
        assertThatThrownBy(() -> EmbeddedKafka.start(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("brokers must be >= 1");
    }
}
