package io.fieldline.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Guards the wire contract: the compiled descriptors must stay backward compatible with the
 * committed baseline {@code src/test/resources/baseline/fieldline-v1.txtpb}. After an intended,
 * compatible change (a new field or message), refresh the baseline with {@code ./mvnw -pl proto
 * test -Dfieldline.updateBaseline=true} and commit it.
 */
class ProtoCompatibilityTest {
    private static final Path BASELINE = Path.of("src/test/resources/baseline/fieldline-v1.txtpb");

    static FileDescriptorSet current() throws IOException {
        try (InputStream in =
                ProtoCompatibilityTest.class.getResourceAsStream("/fieldline/fieldline.desc")) {
            assertThat(in).as("descriptor set written by protoc").isNotNull();
            return FileDescriptorSet.parseFrom(in);
        }
    }

    static FileDescriptorSet baseline() throws IOException {
        FileDescriptorSet.Builder b = FileDescriptorSet.newBuilder();
        TextFormat.merge(Files.readString(BASELINE, StandardCharsets.UTF_8), b);
        return b.build();
    }

    @Test
    void currentSchemasAreCompatibleWithTheBaseline() throws IOException {
        if (Boolean.getBoolean("fieldline.updateBaseline")) {
            Files.writeString(BASELINE, TextFormat.printer().printToString(current()));
        }
        assertThat(DescriptorCompatibility.check(baseline(), current())).isEmpty();
    }

    @Test
    void removingAFieldWithoutReservedIsRejected() throws IOException {
        var changed = mutate("Telemetry", m -> m.removeField(2)); // seq
        assertThat(DescriptorCompatibility.check(baseline(), changed))
                .containsExactly(
                        "fieldline.v1.Telemetry.seq (#3) was removed without reserving its number");
    }

    @Test
    void removingAFieldWithReservedIsAccepted() throws IOException {
        var changed =
                mutate(
                        "Telemetry",
                        m ->
                                m.removeField(2)
                                        .addReservedRange(
                                                DescriptorProto.ReservedRange.newBuilder()
                                                        .setStart(3)
                                                        .setEnd(4))
                                        .addReservedName("seq"));
        assertThat(DescriptorCompatibility.check(baseline(), changed)).isEmpty();
    }

    @Test
    void retypingAndRenumberingAreRejected() throws IOException {
        var changed =
                mutate(
                        "Telemetry",
                        m -> {
                            m.getFieldBuilder(1).setType(FieldDescriptorProto.Type.TYPE_STRING);
                            m.getFieldBuilder(2).setNumber(30);
                            return m;
                        });
        assertThat(DescriptorCompatibility.check(baseline(), changed))
                .containsExactlyInAnyOrder(
                        "fieldline.v1.Telemetry.event_time_ms (#2) changed type from TYPE_INT64 to TYPE_STRING",
                        "fieldline.v1.Telemetry.seq (#3) was renumbered");
    }

    @Test
    void removingAMessageIsRejected() throws IOException {
        FileDescriptorSet.Builder b = current().toBuilder();
        for (FileDescriptorProto.Builder f : b.getFileBuilderList()) {
            f.getMessageTypeList().stream()
                    .filter(m -> m.getName().equals("Rule"))
                    .findFirst()
                    .ifPresent(m -> f.removeMessageType(f.getMessageTypeList().indexOf(m)));
        }
        assertThat(DescriptorCompatibility.check(baseline(), b.build()))
                .contains("message fieldline.v1.Rule was removed");
    }

    private static FileDescriptorSet mutate(
            String message, UnaryOperator<DescriptorProto.Builder> change) throws IOException {
        FileDescriptorSet.Builder b = current().toBuilder();
        for (FileDescriptorProto.Builder f : b.getFileBuilderList()) {
            for (DescriptorProto.Builder m : f.getMessageTypeBuilderList()) {
                if (m.getName().equals(message)) {
                    change.apply(m);
                }
            }
        }
        return b.build();
    }
}
