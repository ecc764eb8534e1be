package dev.entrada.systemtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrada.local.Stack;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests under deploy/k8s, checked without a cluster: every Kubernetes resource binds to the
 * fabric8 model of its kind with no field the model does not know (a misspelled key fails), the
 * operators' resources carry the replication the design asks for, and every Deployment names ports,
 * variables and probe paths its service really has.
 */
class KubernetesManifestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path K8S = ServiceConfiguration.ROOT.resolve("deploy/k8s");
    private static final Map<String, Class<? extends KubernetesResource>> MODELS = Map.of(
            "Namespace", Namespace.class, "Deployment", Deployment.class, "Service", Service.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    private static final List<Map<String, Object>> documents = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readTheKustomization() throws IOException {
        Map<String, Object> kustomization = new Yaml().load(Files.readString(K8S.resolve("kustomization.yaml")));
        for (String resource : (List<String>) kustomization.get("resources")) {
            for (Object document : new Yaml().loadAll(Files.readString(K8S.resolve(resource)))) {
                documents.add((Map<String, Object>) document);
            }
        }
    }

    @Test
    void everyKubernetesResourceBindsToItsModelWithoutUnknownFields() throws Exception {
        int checked = 0;
        for (Map<String, Object> document : documents) {
            Class<? extends KubernetesResource> model = MODELS.get((String) document.get("kind"));
            if (model != null) {
                assertThat(unknownFields(JSON.convertValue(document, model), document.get("kind").toString()))
                        .as("unknown fields in %s", name(document)).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(12);
    }

    @Test
    void theUnknownFieldCheckCatchesAMisspelledKey() throws Exception {
        Map<String, Object> broken = new Yaml().load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers: [{name: x, image: x, readinesProbe: {}}]
                """);
        assertThat(unknownFields(JSON.convertValue(broken, Deployment.class), "Deployment")).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void kafkaAndPostgresAreReplicatedAsTheDesignAsks() {
        Map<String, Object> pool = only("KafkaNodePool");
        assertThat(((Map<String, Object>) pool.get("spec")).get("replicas")).isEqualTo(3);
        Map<String, Object> kafkaConfig = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) only("Kafka")
                .get("spec")).get("kafka")).get("config");
        assertThat(kafkaConfig).containsEntry("default.replication.factor", 3).containsEntry("min.insync.replicas", 2);
        List<String> topics = documents.stream().filter(d -> "KafkaTopic".equals(d.get("kind"))).map(KubernetesManifestsTest::name).toList();
        for (String topic : dev.entrada.contracts.Topics.ALL) {
            assertThat(topics).contains(topic, dev.entrada.contracts.Topics.deadLetter(topic));
        }
        assertThat(((Map<String, Object>) only("Cluster").get("spec")).get("instances")).isEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDeploymentNamesWhatItsServiceReallyHas() {
        for (Stack.Service service : Stack.SERVICES) {
            Map<String, Object> document = documents.stream()
                    .filter(d -> "Deployment".equals(d.get("kind")) && service.name().equals(name(d)))
                    .findFirst().orElseThrow(() -> new AssertionError("no Deployment for " + service.name()));
            Container container = JSON.convertValue(document, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(service.defaultPort());
            for (EnvVar variable : container.getEnv()) {
                assertThat(ServiceConfiguration.readsVariable(service.name(), variable.getName()))
                        .as("%s reads %s", service.name(), variable.getName()).isTrue();
            }
            assertThat(container.getEnvFrom()).as("%s takes the tracing settings", service.name())
                    .anySatisfy(source -> assertThat(source.getConfigMapRef().getName()).isEqualTo("entrada-tracing"));
            for (String variable : ((Map<String, String>) only("ConfigMap").get("data")).keySet()) {
                assertThat(ServiceConfiguration.readsVariable(service.name(), variable)).as("%s reads %s", service.name(), variable).isTrue();
            }
            String healthRoot = service.healthPath();
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).startsWith(healthRoot);
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).startsWith(healthRoot);
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        }
        documents.stream().filter(d -> "HorizontalPodAutoscaler".equals(d.get("kind"))).forEach(hpa -> {
            String target = JSON.convertValue(hpa, HorizontalPodAutoscaler.class).getSpec().getScaleTargetRef().getName();
            assertThat(documents).anyMatch(d -> "Deployment".equals(d.get("kind")) && target.equals(name(d)));
        });
    }

    private static Map<String, Object> only(String kind) {
        List<Map<String, Object>> found = documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static String name(Map<String, Object> document) {
        return (String) ((Map<String, Object>) document.get("metadata")).get("name");
    }

    /** Paths of fields that landed in a model's additionalProperties, i.e. that the model does not know. */
    private static List<String> unknownFields(Object node, String path) throws Exception {
        List<String> unknown = new ArrayList<>();
        if (node == null || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return unknown;
        }
        for (PropertyDescriptor property : Introspector.getBeanInfo(node.getClass()).getPropertyDescriptors()) {
            Method getter = property.getReadMethod();
            if (getter == null || getter.getParameterCount() > 0) {
                continue;
            }
            Object value = getter.invoke(node);
            if (property.getName().equals("additionalProperties")) {
                ((Map<String, Object>) value).keySet().forEach(key -> unknown.add(path + "." + key));
            } else if (value instanceof Collection<?> items) {
                for (Object item : items) {
                    unknown.addAll(unknownFields(item, path + "." + property.getName() + "[]"));
                }
            } else if (value instanceof Map<?, ?> map) {
                for (var entry : map.entrySet()) {
                    unknown.addAll(unknownFields(entry.getValue(), path + "." + property.getName() + "." + entry.getKey()));
                }
            } else {
                unknown.addAll(unknownFields(value, path + "." + property.getName()));
            }
        }
        return unknown;
    }
}
