package io.fieldline.proto;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists the backward-incompatible differences between a baseline descriptor set and the current
 * one: a removed message or enum, a field or enum value removed without {@code reserved},
 * renumbered, renamed or retyped, or a reserved number reused.
 */
final class DescriptorCompatibility {
    private final List<String> violations = new ArrayList<>();

    static List<String> check(FileDescriptorSet baseline, FileDescriptorSet current) {
        DescriptorCompatibility c = new DescriptorCompatibility();
        Map<String, DescriptorProto> messages = new HashMap<>();
        Map<String, EnumDescriptorProto> enums = new HashMap<>();
        current.getFileList().forEach(f -> index(f, messages, enums));
        Map<String, DescriptorProto> oldMessages = new HashMap<>();
        Map<String, EnumDescriptorProto> oldEnums = new HashMap<>();
        baseline.getFileList().forEach(f -> index(f, oldMessages, oldEnums));
        oldMessages.forEach((name, old) -> c.compareMessage(name, old, messages.get(name)));
        oldEnums.forEach((name, old) -> c.compareEnum(name, old, enums.get(name)));
        return c.violations;
    }

    private static void index(
            FileDescriptorProto f,
            Map<String, DescriptorProto> messages,
            Map<String, EnumDescriptorProto> enums) {
        String pkg = f.getPackage().isEmpty() ? "" : f.getPackage() + ".";
        f.getEnumTypeList().forEach(e -> enums.put(pkg + e.getName(), e));
        f.getMessageTypeList().forEach(m -> indexMessage(pkg + m.getName(), m, messages, enums));
    }

    private static void indexMessage(
            String name,
            DescriptorProto m,
            Map<String, DescriptorProto> messages,
            Map<String, EnumDescriptorProto> enums) {
        messages.put(name, m);
        m.getEnumTypeList().forEach(e -> enums.put(name + "." + e.getName(), e));
        m.getNestedTypeList()
                .forEach(n -> indexMessage(name + "." + n.getName(), n, messages, enums));
    }

    private void compareMessage(String name, DescriptorProto old, DescriptorProto now) {
        if (now == null) {
            violations.add("message " + name + " was removed");
            return;
        }
        Map<Integer, FieldDescriptorProto> byNumber = new HashMap<>();
        now.getFieldList().forEach(f -> byNumber.put(f.getNumber(), f));
        for (FieldDescriptorProto f : old.getFieldList()) {
            String where = name + "." + f.getName() + " (#" + f.getNumber() + ")";
            FieldDescriptorProto g = byNumber.get(f.getNumber());
            if (g == null) {
                boolean sameNameElsewhere =
                        now.getFieldList().stream().anyMatch(x -> x.getName().equals(f.getName()));
                if (sameNameElsewhere) {
                    violations.add(where + " was renumbered");
                } else if (!reserved(now, f.getNumber())) {
                    violations.add(where + " was removed without reserving its number");
                }
                continue;
            }
            if (!g.getName().equals(f.getName())) {
                violations.add(where + " was renamed to " + g.getName());
            }
            if (g.getType() != f.getType()
                    || !g.getTypeName().equals(f.getTypeName())
                    || g.getLabel() != f.getLabel()) {
                violations.add(where + " changed type from " + typeOf(f) + " to " + typeOf(g));
            }
        }
        for (FieldDescriptorProto g : now.getFieldList()) {
            if (reserved(old, g.getNumber())) {
                violations.add(name + "." + g.getName() + " reuses reserved #" + g.getNumber());
            }
        }
    }

    private void compareEnum(String name, EnumDescriptorProto old, EnumDescriptorProto now) {
        if (now == null) {
            violations.add("enum " + name + " was removed");
            return;
        }
        Map<Integer, EnumValueDescriptorProto> byNumber = new HashMap<>();
        now.getValueList().forEach(v -> byNumber.put(v.getNumber(), v));
        for (EnumValueDescriptorProto v : old.getValueList()) {
            EnumValueDescriptorProto w = byNumber.get(v.getNumber());
            String where = name + "." + v.getName() + " (" + v.getNumber() + ")";
            if (w == null) {
                boolean isReserved =
                        now.getReservedRangeList().stream()
                                .anyMatch(
                                        r ->
                                                v.getNumber() >= r.getStart()
                                                        && v.getNumber() <= r.getEnd());
                if (!isReserved) {
                    violations.add(where + " was removed without reserving its number");
                }
            } else if (!w.getName().equals(v.getName())) {
                violations.add(where + " was renamed to " + w.getName());
            }
        }
    }

    // Message reserved ranges are end-exclusive.
    private static boolean reserved(DescriptorProto m, int number) {
        return m.getReservedRangeList().stream()
                .anyMatch(r -> number >= r.getStart() && number < r.getEnd());
    }

    private static String typeOf(FieldDescriptorProto f) {
        String label = f.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED ? "repeated " : "";
        String type = f.getTypeName().isEmpty() ? f.getType().name() : f.getTypeName();
        return label + type;
    }
}
