package dev.entrada.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.entrada.contracts.Topics;
import dev.entrada.local.Stack;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * There is no Docker engine here, so the Compose file is checked instead of run: against the Compose
 * Specification's JSON Schema, and every service, port, variable, health path and mounted file it
 * names against what really exists in this repository.
 */
class ComposeFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = ServiceConfiguration.ROOT;
    private static final Set<String> INFRASTRUCTURE = Set.of("kafka", "kafka-topics", "postgres", "prometheus", "grafana", "jaeger");

    @Test
    void composeFileFollowsTheComposeSpecification() throws IOException {
        assertThat(schemaErrors(compose())).isEmpty();
    }

    @Test
    void theSchemaCheckCatchesAMisspelledKey() throws IOException {
        ObjectNode broken = compose().deepCopy();
        ((ObjectNode) broken.get("services").get("kafka")).put("imagee", "apache/kafka:4.1.2");

        assertThat(schemaErrors(broken)).isNotEmpty();
    }

    @Test
    void everyEntradaServiceIsInTheFileAsItReallyIs() throws IOException {
        JsonNode services = compose().get("services");
        for (Stack.Service service : Stack.SERVICES) {
            JsonNode entry = services.get(service.name());
            assertThat(entry).as("compose service %s", service.name()).isNotNull();
            String dockerfile = entry.get("build").get("dockerfile").asText();
            assertThat(ROOT.resolve(dockerfile)).exists();
            assertThat(entry.get("build").get("args").get("SERVICE").asText()).isEqualTo(service.name());
            String pom = Files.readString(ROOT.resolve("services").resolve(service.name()).resolve("pom.xml"));
            assertThat(dockerfile).as("image recipe of %s matches its framework", service.name())
                    .endsWith(pom.contains("micronaut-parent") ? "micronaut.Dockerfile" : "spring.Dockerfile");

            JsonNode environment = entry.get("environment");
            assertThat(environment.get("PORT").asText()).isEqualTo(String.valueOf(service.defaultPort()));
            environment.fieldNames().forEachRemaining(variable -> assertThat(ServiceConfiguration.readsVariable(service.name(), variable))
                    .as("%s reads %s", service.name(), variable).isTrue());

            String health = String.join(" ", texts(entry.get("healthcheck").get("test")));
            assertThat(health).contains("/" + service.defaultPort()).contains(service.healthPath());
        }
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).allMatch(name -> INFRASTRUCTURE.contains(name)
                || Stack.SERVICES.stream().anyMatch(s -> s.name().equals(name)));
    }

    @Test
    void mountedFilesExistAndTheTopicScriptCreatesEveryTopic() throws IOException {
        JsonNode services = compose().get("services");
        for (JsonNode service : services) {
            for (String volume : texts(service.get("volumes"))) {
                if (volume.startsWith("./")) {
                    assertThat(ROOT.resolve(volume.substring(2, volume.indexOf(':')))).exists();
                }
            }
        }
        String script = Files.readString(ROOT.resolve("deploy/docker/kafka/create-topics.sh"));
        for (String topic : Topics.ALL) {
            assertThat(script).contains(topic);
        }
        for (String compacted : Topics.COMPACTED) {
            assertThat(script).containsPattern("for topic in [^;]*" + compacted + "[^;]*;\\s*do\\s*create \"\\$topic\" --config cleanup.policy=compact");
        }
    }

    @Test
    void prometheusScrapesEveryServiceWhereItsMetricsReallyAre() throws IOException {
        Map<String, Object> config = new Yaml().load(Files.readString(ROOT.resolve("deploy/observability/prometheus.yml")));
        JsonNode jobs = JSON.valueToTree(config).get("scrape_configs");
        JsonNode services = compose().get("services");
        List<String> scraped = new ArrayList<>();
        for (JsonNode job : jobs) {
            String service = job.get("job_name").asText();
            String target = job.get("static_configs").get(0).get("targets").get(0).asText();
            String path = job.get("metrics_path").asText();
            scraped.add(service);
            assertThat(services.has(service)).as("compose runs %s", service).isTrue();
            assertThat(target).isEqualTo(service + ":" + metricsPort(service));
            String serviceConfig = Files.readString(ROOT.resolve("services").resolve(service).resolve("src/main/resources/application.yml"));
            assertThat(serviceConfig).as("%s exposes Prometheus", service).contains("prometheus");
            boolean micronaut = Files.readString(ROOT.resolve("services").resolve(service).resolve("pom.xml")).contains("micronaut-parent");
            assertThat(path).isEqualTo(micronaut ? "/prometheus" : "/actuator/prometheus");
        }
        assertThat(scraped).containsExactlyInAnyOrderElementsOf(Stack.SERVICES.stream().map(Stack.Service::name).toList());
        String dashboard = Files.readString(ROOT.resolve("deploy/observability/grafana/dashboards/entrada.json"));
        JSON.readTree(dashboard);
        assertThat(dashboard).contains("entrada_checkin_verdicts_total").contains("entrada_outbox_backlog")
                .contains("http_server_requests_seconds").contains("entrada-prometheus");
        assertThat(Files.readString(ROOT.resolve("deploy/observability/grafana/provisioning/datasources/prometheus.yml")))
                .contains("uid: entrada-prometheus").contains("http://prometheus:9090");
    }

    @Test
    void everyServiceSendsItsSpansToJaegerWhenAskedAndGrafanaCanReadThem() throws IOException {
        JsonNode services = compose().get("services");
        for (Stack.Service service : Stack.SERVICES) {
            JsonNode environment = services.get(service.name()).get("environment");
            assertThat(environment.get("OTEL_TRACES_EXPORTER").asText()).as(service.name()).isEqualTo("${OTEL_TRACES_EXPORTER:-none}");
            assertThat(environment.get("OTEL_EXPORTER_OTLP_ENDPOINT").asText()).as(service.name()).isEqualTo("http://jaeger:4318");
        }
        assertThat(texts(services.get("jaeger").get("profiles"))).containsExactly("observability");
        assertThat(services.get("jaeger").get("image").asText()).startsWith("jaegertracing/jaeger:2.");
        assertThat(Files.readString(ROOT.resolve("deploy/observability/grafana/provisioning/datasources/jaeger.yml")))
                .contains("type: jaeger").contains("http://jaeger:16686");
        assertThat(Files.readString(ROOT.resolve("deploy/.env.example"))).contains("OTEL_TRACES_EXPORTER=none\n");
    }

    /** The gateway's actuator has its own port (never the public one); the others serve metrics on their HTTP port. */
    private static int metricsPort(String service) {
        return service.equals(Stack.GATEWAY) ? 8090
                : Stack.SERVICES.stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow().defaultPort();
    }

    @Test
    void everySecretIsInTheExampleAndNoRealSecretIsCommitted() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        String example = Files.readString(ROOT.resolve("deploy/.env.example"));
        var required = java.util.regex.Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(compose);
        while (required.find()) {
            assertThat(example).contains(required.group(1) + "=\n");
        }
        assertThat(Files.readString(ROOT.resolve(".gitignore")).lines()).contains(".env");
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node != null) {
            node.forEach(item -> texts.add(item.asText()));
        }
        return texts;
    }

    private static ObjectNode compose() throws IOException {
        Map<String, Object> yaml = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return JSON.valueToTree(yaml);
    }

    private static Set<ValidationMessage> schemaErrors(JsonNode compose) throws IOException {
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/compose/compose-spec.json")) {
            JsonNode spec = JSON.readTree(in);
            dropDraft4Ids(spec);
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(spec);
            return schema.validate(compose);
        }
    }

    /** The spec still carries draft-04 style {@code "id": "#/…"} annotations, which 2019-09 has no keyword for. */
    private static void dropDraft4Ids(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("id").isTextual()) {
                object.remove("id");
            }
            object.forEach(ComposeFileTest::dropDraft4Ids);
        } else if (node.isArray()) {
            node.forEach(ComposeFileTest::dropDraft4Ids);
        }
    }
}
