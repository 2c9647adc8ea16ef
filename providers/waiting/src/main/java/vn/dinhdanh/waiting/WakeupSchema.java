package vn.dinhdanh.waiting;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;
import org.infinispan.protostream.annotations.ProtoSyntax;

/**
 * The ProtoStream schema of {@link Wakeup} (the annotation processor writes its implementation and the
 * {@code META-INF/services} entry through which Keycloak's build adds it to the cluster's marshaller).
 */
@ProtoSchema(syntax = ProtoSyntax.PROTO3, schemaPackageName = "dinhdanh.waiting", schemaFileName = "dinhdanh-waiting.proto",
        schemaFilePath = "proto/generated", includeClasses = Wakeup.class)
public interface WakeupSchema extends GeneratedSchema {
}
