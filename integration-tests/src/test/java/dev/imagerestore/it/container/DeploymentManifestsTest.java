package dev.imagerestore.it.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment examples in {@code docker/} parsed and checked against what the job relies on: the
 * Kubernetes {@code FlinkDeployment} (application mode on the image's jar and main class, the
 * {@code restore} arguments on mounted volumes, one GPU per TaskManager with Flink's GPU driver and
 * fine-grained resources, DJL loaded parent-first, checkpoints on a volume) and the compose file
 * (JobManager and TaskManagers of one image, the same folders everywhere, GPU reservations, the REST
 * port on loopback only).
 */
class DeploymentManifestsTest {

    private static final Path DOCKER = Path.of("..", "docker");
    private static final String GPU_DRIVER = "org.apache.flink.externalresource.gpu.GPUDriverFactory";
    /**
     * The operator's {@code FlinkVersion} value for Flink 2 images: its CRD's {@code flinkVersion} enum is
     * {@code v1_13 ... v1_20, v2_0} (apache/flink-kubernetes-operator,
     * helm/flink-kubernetes-operator/crds/flinkbluegreendeployments.flink.apache.org-v1.yml); a value the
     * installed CRD lacks is rejected by the API server.
     */
    private static final String OPERATOR_FLINK_2 = "v2_0";

    private static Map<String, Object> deployment;
    private static Map<String, Object> spec;

    @BeforeAll
    static void parse() throws IOException {
        deployment = load(DOCKER.resolve("kubernetes/flink-deployment.yaml"));
        spec = map(deployment, "spec");
    }

    private static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            assertThat(document).as("%s holds a YAML mapping", file).isInstanceOf(Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>) document;
            return root;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).as("mapping with key %s", key).containsKey(key);
        assertThat(parent.get(key)).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        assertThat(parent.get(key)).as(key).isInstanceOf(List.class);
        return (List<Map<String, Object>>) parent.get(key);
    }

    private static String config(String key) {
        Object value = map(spec, "flinkConfiguration").get(key);
        assertThat(value).as("flinkConfiguration.%s", key).isNotNull();
        return value.toString();
    }

    private static List<String> jobArgs() {
        @SuppressWarnings("unchecked")
        List<Object> args = (List<Object>) map(spec, "job").get("args");
        return args.stream().map(Object::toString).toList();
    }

    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        assertThat(at).as("job argument %s in %s", name, args).isNotNegative().isLessThan(args.size() - 1);
        return args.get(at + 1);
    }

    /** The main container's volume mounts of a pod template, each checked to name a claimed volume. */
    private static Map<String, Map<String, Object>> mounts(String role) {
        Map<String, Object> podSpec = map(map(map(spec, role), "podTemplate"), "spec");
        List<String> claimed = list(podSpec, "volumes").stream()
                .filter(v -> v.get("persistentVolumeClaim") instanceof Map)
                .map(v -> (String) v.get("name"))
                .toList();
        Map<String, Object> main = list(podSpec, "containers").stream()
                .filter(c -> "flink-main-container".equals(c.get("name")))
                .findFirst()
                .orElseThrow();
        Map<String, Map<String, Object>> byPath = new TreeMap<>();
        for (Map<String, Object> mount : list(main, "volumeMounts")) {
            assertThat(claimed)
                    .as("%s mount %s names a persistent volume claim", role, mount)
                    .contains((String) mount.get("name"));
            byPath.put((String) mount.get("mountPath"), mount);
        }
        return byPath;
    }

    private static Map<String, Object> mountHolding(Map<String, Map<String, Object>> mounts, String path) {
        return mounts.entrySet().stream()
                .filter(e -> path.equals(e.getKey()) || path.startsWith(e.getKey() + "/"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError(path + " is on none of the mounted volumes " + mounts.keySet()));
    }

    @Test
    void flinkDeploymentRunsTheImagesJarInApplicationMode() throws IOException {
        assertThat(deployment)
                .containsEntry("apiVersion", "flink.apache.org/v1beta1")
                .containsEntry("kind", "FlinkDeployment");
        Matcher flinkVersion =
                Pattern.compile("<flink.version>(\\d+)\\.").matcher(Files.readString(Path.of("..", "pom.xml")));
        assertThat(flinkVersion.find()).as("flink.version in the root pom.xml").isTrue();
        assertThat(spec.get("flinkVersion"))
                .as("the operator's value for the build's Flink %s.x", flinkVersion.group(1))
                .isEqualTo(OPERATOR_FLINK_2)
                .asString()
                .startsWith("v" + flinkVersion.group(1) + "_");
        Map<String, Object> job = map(spec, "job");
        String jar = (String) job.get("jarURI");
        assertThat(jar).as("application mode runs a jar inside the image").startsWith("local://");
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        assertThat(dockerfile)
                .as("docker/Dockerfile puts the job jar where jarURI points")
                .containsPattern("(?m)^COPY \\S+ " + Pattern.quote(jar.substring("local://".length())) + "$");
        String pom = Files.readString(Path.of("..", "flink-job", "pom.xml"));
        Matcher mainClass = Pattern.compile("<mainClass>([^<]+)</mainClass>").matcher(pom);
        assertThat(mainClass.find())
                .as("the job jar's main class in flink-job/pom.xml")
                .isTrue();
        assertThat(job.get("entryClass")).isEqualTo(mainClass.group(1));
        assertThat(jobArgs()).first().isEqualTo("restore");
        assertThat(config("classloader.parent-first-patterns.additional")).contains("ai.djl.");
        assertThat(dockerfile).contains("classloader.parent-first-patterns.additional: ai.djl.");
    }

    @Test
    void inputAndOutputAreMountedVolumesInJobManagerAndTaskManagers() {
        List<String> args = jobArgs();
        String input = option(args, "--input");
        String output = option(args, "--output");
        for (String role : List.of("jobManager", "taskManager")) {
            Map<String, Map<String, Object>> mounts = mounts(role);
            assertThat(mountHolding(mounts, input).get("readOnly"))
                    .as("%s reads the archive read-only", role)
                    .isEqualTo(true);
            assertThat(mountHolding(mounts, output).get("readOnly"))
                    .as("%s mounts the output writable", role)
                    .isNotEqualTo(true);
            String checkpoints = config("execution.checkpointing.dir").replaceFirst("^file://", "");
            assertThat(mountHolding(mounts, checkpoints).get("readOnly"))
                    .as("%s writes checkpoints", role)
                    .isNotEqualTo(true);
            assertThat(checkpoints)
                    .as("checkpoints are kept out of the restored files")
                    .doesNotStartWith(output + "/");
        }
    }

    @Test
    void gpuTaskManagersOfferOneGpuPerInferenceSlot() {
        assertThat(option(jobArgs(), "--device")).isEqualTo("gpu");
        assertThat(config("external-resources")).isEqualTo("gpu");
        assertThat(config("external-resource.gpu.driver-factory.class")).isEqualTo(GPU_DRIVER);
        int gpus = Integer.parseInt(config("external-resource.gpu.amount"));
        assertThat(gpus).isPositive();
        assertThat(config("external-resource.gpu.param.discovery-script.path")).endsWith("nvidia-gpu-discovery.sh");
        assertThat(config("external-resource.gpu.kubernetes.config-key")).isEqualTo("nvidia.com/gpu");
        assertThat(config("cluster.fine-grained-resource-management.enabled")).isEqualTo("true");
        Map<String, Object> main = list(map(map(map(spec, "taskManager"), "podTemplate"), "spec"), "containers")
                .get(0);
        Object requested = map(map(main, "resources"), "limits").get("nvidia.com/gpu");
        assertThat(requested)
                .as("each TaskManager pod requests the GPUs its Flink config offers")
                .isEqualTo(gpus);
    }

    @Test
    void watchingJobCheckpointsAndUpgradesThroughSavepoints() {
        List<String> args = jobArgs();
        assertThat(args).contains("--watch");
        assertThat(map(spec, "job").get("upgradeMode"))
                .as("a continuous job keeps its state across upgrades")
                .isIn("savepoint", "last-state");
        assertThat(config("execution.checkpointing.savepoint-dir")).startsWith("file:///");
    }

    @Test
    void composeClusterSharesFoldersAndReservesGpus() throws IOException {
        Map<String, Object> compose = load(DOCKER.resolve("compose.yaml"));
        Map<String, Object> services = map(compose, "services");
        assertThat(services).containsKeys("jobmanager", "taskmanager", "taskmanager-gpu");
        List<Object> volumes = new ArrayList<>();
        for (String name : List.of("jobmanager", "taskmanager", "taskmanager-gpu")) {
            Map<String, Object> service = map(services, name);
            assertThat(service.get("command")).isEqualTo(name.startsWith("taskmanager") ? "taskmanager" : "jobmanager");
            assertThat(service.get("volumes")).as("%s volumes", name).isInstanceOf(List.class);
            volumes.add(service.get("volumes"));
            assertThat(map(service, "environment").get("FLINK_PROPERTIES").toString())
                    .contains("jobmanager.rpc.address: jobmanager");
        }
        assertThat(volumes)
                .as("the same input and output folders in every container")
                .containsOnly(volumes.get(0));
        assertThat(volumes.get(0).toString()).contains(":/data/input:ro", ":/data/output");
        @SuppressWarnings("unchecked")
        List<String> ports = (List<String>) map(services, "jobmanager").get("ports");
        assertThat(ports)
                .allSatisfy(p -> assertThat(p).as("published on loopback only").startsWith("127.0.0.1:"));
        List<Map<String, Object>> devices =
                list(map(map(map(map(services, "taskmanager-gpu"), "deploy"), "resources"), "reservations"), "devices");
        assertThat(devices).singleElement().satisfies(d -> {
            assertThat(d.get("driver")).isEqualTo("nvidia");
            assertThat(d.get("count")).isEqualTo(1);
            assertThat(d.get("capabilities")).isEqualTo(List.of("gpu"));
        });
        assertThat(map(services, "taskmanager").get("deploy"))
                .as("CPU TaskManagers reserve no GPU")
                .asString()
                .doesNotContain("nvidia");
    }
}
