package io.parley.deploy;

import io.parley.embedded.media.router.MediaConfig;
import io.parley.nodes.NodeConfig;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.parley.deploy.DeployFiles.KUBERNETES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks docker/kubernetes/: a Kustomize base and three overlays, each overlay built as {@code kubectl apply -k} would
 * build it ({@link Kustomize}), then every reference between the built objects, and the objects against the app.
 */
class KubernetesManifestTest {

    static final Path BASE = KUBERNETES.resolve("base");
    static final Path OVERLAYS = KUBERNETES.resolve("overlays");
    private static final List<String> OVERLAY_NAMES = List.of("embedded", "vonage", "media-nodes");
    /** What runs Parley's pods in each overlay: a Deployment, or the media nodes' StatefulSet. */
    private static final Map<String, String> WORKLOAD_KINDS = Map.of("embedded", "Deployment", "vonage", "Deployment",
            "media-nodes", "StatefulSet");
    /** The container fields an overlay may add to the base's container (by merge key): nothing else may change. */
    private static final Map<String, String> ADDED_BY_MERGE_KEY = Map.of("env", "name", "ports", "containerPort",
            "volumeMounts", "mountPath");
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("(?<!\\$)\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    /** The shutdown the overlays are sized for, until application.properties sets it (issue 12). */
    private static final Duration ANNOUNCED_SHUTDOWN_DELAY = Duration.ofSeconds(5);
    private static final Duration ANNOUNCED_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    private static final Map<String, Built> BUILDS = new ConcurrentHashMap<>();

    // --- layout ---

    @Test
    void theKustomizationsAreTheBaseAndTheThreeOverlays() throws IOException {
        Set<String> directories;
        try (Stream<Path> files = Files.walk(KUBERNETES)) {
            directories = files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
                    .map(f -> KUBERNETES.relativize(f.getParent()).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(List.of("base", "overlays/embedded", "overlays/vonage", "overlays/media-nodes")),
                directories, "directories of docker/kubernetes holding YAML");
        for (String overlay : OVERLAY_NAMES) {
            assertEquals(Set.of(BASE), Kustomize.bases(OVERLAYS.resolve(overlay)), overlay + " builds on the base");
        }
        assertEquals(Set.of(), Kustomize.bases(BASE), "the base builds on nothing");
    }

    @Test
    void everyKustomizationUsesEveryManifestInItsDirectory() throws IOException {
        List<Path> kustomizations = new ArrayList<>(List.of(BASE));
        OVERLAY_NAMES.forEach(overlay -> kustomizations.add(OVERLAYS.resolve(overlay)));
        for (Path directory : kustomizations) {
            Set<String> manifests;
            try (Stream<Path> files = Files.list(directory)) {
                manifests = files.map(f -> f.getFileName().toString())
                        .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                        .filter(n -> !n.startsWith("kustomization."))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            Set<String> listed = Kustomize.ownFiles(directory).stream()
                    .map(f -> directory.relativize(f).toString()).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(manifests, listed, "files in " + KUBERNETES.relativize(directory)
                    + " vs its kustomization.yaml's resources and patches");
        }
    }

    @Test
    void eachOverlayBuildsTheObjectsItNeeds() {
        for (String overlay : OVERLAY_NAMES) {
            for (String kind : List.of(WORKLOAD_KINDS.get(overlay), "Service", "ConfigMap", "Secret")) {
                assertFalse(built(overlay).all(kind).isEmpty(), overlay + ": no " + kind);
            }
        }
        assertEquals(1, built("embedded").all("PersistentVolumeClaim").size(), "embedded keeps its state on a claim");
        assertEquals(1, built("vonage").all("PodDisruptionBudget").size(), "vonage: one PodDisruptionBudget");
        assertEquals(1, built("vonage").all("HorizontalPodAutoscaler").size(), "vonage: one HorizontalPodAutoscaler");
        assertEquals(1, built("media-nodes").all("StatefulSet").size(), "media-nodes: one StatefulSet");
        assertEquals(List.of(), built("media-nodes").all("Deployment"), "media-nodes: the base's Deployment is gone");
        assertEquals(1, built("media-nodes").all("PodDisruptionBudget").size(), "media-nodes: one PodDisruptionBudget");
        assertEquals(List.of(), built("media-nodes").all("HorizontalPodAutoscaler"),
                "media-nodes: no autoscaler (one media node per Kubernetes node, each with its own volume)");
    }

    static Stream<String> overlays() {
        return OVERLAY_NAMES.stream();
    }

    /** Where kubectl is installed, its own kustomize must build exactly what {@link Kustomize} builds. */
    @ParameterizedTest
    @MethodSource("overlays")
    void kubectlKustomizeBuildsTheSameObjects(String overlay) throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not installed; the layout keeps to standard kustomize fields");
        Process process = new ProcessBuilder("kubectl", "kustomize", OVERLAYS.resolve(overlay).toString())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "kubectl kustomize " + overlay + ":\n" + text);
        Path file = Files.createTempFile("kustomize-" + overlay, ".yaml");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Map<String, Object> expected = new TreeMap<>();
            for (Map<String, Object> object : DeployFiles.yamlDocuments(file)) {
                expected.put(Kustomize.id(object), canonical(object));
                // the order of env items is kustomize's own (which the test's build does not reproduce): check it here
                assertVariablesReferToEarlierOnes(object, "kubectl kustomize " + overlay);
            }
            Map<String, Object> actual = new TreeMap<>();
            built(overlay).objects.forEach((id, object) -> actual.put(id, canonical(object)));
            assertEquals(expected, actual, overlay + ": kubectl kustomize vs the test's build");
        } finally {
            Files.delete(file);
        }
    }

    // --- every overlay ---

    @ParameterizedTest
    @MethodSource("overlays")
    void selectorMatchesThePodTemplate(String overlay) {
        Built built = built(overlay);
        Map<String, Object> spec = map(built.workload(), "spec");
        assertEquals(map(spec, "selector").get("matchLabels"), built.podLabels(),
                overlay + ": the selector must match the pod template's labels");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void probesUseTheHealthEndpointsOnADeclaredPort(String overlay) {
        Built built = built(overlay);
        Map<String, Object> container = built.container();
        built.assertProbe("livenessProbe", "/q/health/live");
        built.assertProbe("readinessProbe", "/q/health/ready");
        if (container.containsKey("startupProbe")) {
            built.assertProbe("startupProbe", "/q/health/live");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void serviceTargetsContainerPortsByName(String overlay) {
        Built built = built(overlay);
        Map<String, Object> spec = map(built.httpService(), "spec");
        assertEquals(built.podLabels(), spec.get("selector"), overlay + ": the Service must select Parley's pods");
        boolean http = false;
        for (Map<String, Object> port : list(spec, "ports")) {
            Object target = port.get("targetPort");
            assertTrue(target instanceof String, overlay + ": targetPort must name a container port: " + port);
            Map<String, Object> containerPort = built.containerPort(target);
            String protocol = (String) port.getOrDefault("protocol", "TCP");
            assertEquals(containerPort.getOrDefault("protocol", "TCP"), protocol, overlay + ": protocol of " + port);
            http |= "TCP".equals(protocol) && Objects.equals(8080, containerPort.get("containerPort"));
        }
        assertTrue(http, overlay + ": the Service must expose the HTTP port 8080");
        for (Map<String, Object> port : list(built.container(), "ports")) {
            assertTrue(port.get("name") instanceof String, overlay + ": container ports are named: " + port);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everySecretAndConfigMapReferenceResolves(String overlay) {
        Built built = built(overlay);
        int references = 0;
        for (Map<String, Object> env : list(built.container(), "env")) {
            Map<String, Object> from = optionalMap(env, "valueFrom");
            if (from == null) {
                continue;
            }
            for (String ref : List.of("secretKeyRef", "configMapKeyRef")) {
                Map<String, Object> keyRef = optionalMap(from, ref);
                if (keyRef != null) {
                    references++;
                    String kind = ref.equals("secretKeyRef") ? "Secret" : "ConfigMap";
                    Map<String, Object> target = built.objects.get(kind + "/" + keyRef.get("name"));
                    assertNotNull(target, overlay + ": " + env.get("name") + " refers to " + kind + " "
                            + keyRef.get("name") + ", which the manifests do not define");
                    Set<String> keys = dataKeys(target);
                    assertTrue(keys.contains((String) keyRef.get("key")), overlay + ": " + env.get("name")
                            + " refers to key " + keyRef.get("key") + " of " + kind + " " + keyRef.get("name")
                            + ", which has " + keys);
                }
            }
        }
        assertTrue(references >= 3, "platform, server key and Vonage credentials come from a ConfigMap and Secrets");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void platformComesFromTheConfigMapAndCredentialsFromSecrets(String overlay) {
        Built built = built(overlay);
        Map<String, Map<String, Object>> env = built.envByName();
        assertNotNull(ref(env, "PARLEY_PLATFORM", "configMapKeyRef"), "PARLEY_PLATFORM from a ConfigMap");
        assertNotNull(ref(env, "PARLEY_API_SERVER_KEY", "secretKeyRef"), "PARLEY_API_SERVER_KEY from a Secret");
        for (String name : List.of("PARLEY_VONAGE_APPLICATION_ID", "PARLEY_VONAGE_PRIVATE_KEY")) {
            Map<String, Object> ref = ref(env, name, "secretKeyRef");
            assertNotNull(ref, name + " from a Secret");
            assertEquals(Boolean.TRUE, ref.get("optional"), name + ": the embedded platform starts without Vonage");
        }
        assertTrue(Set.of("embedded", "vonage").contains(built.envValue("PARLEY_PLATFORM")),
                overlay + ": parley.platform is embedded or vonage: " + built.envValue("PARLEY_PLATFORM"));
        for (String name : env.keySet()) {
            if (name.matches(".*(PASSWORD|SECRET|_KEY)$")) {
                assertNotNull(ref(env, name, "secretKeyRef"), overlay + ": " + name + " must come from a Secret");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void exampleSecretsHoldOnlyPlaceholders(String overlay) {
        for (Map<String, Object> secret : built(overlay).all("Secret")) {
            String id = Kustomize.id(secret);
            assertFalse(secret.containsKey("data"), "example Secrets use readable stringData: " + id);
            map(secret, "stringData").forEach((key, value) -> {
                String text = String.valueOf(value);
                if (key.endsWith("-url")) {
                    // an address is not a credential, but must not carry one
                    assertFalse(text.contains("@") || text.toLowerCase(Locale.ROOT).matches(".*(password|user)=.*"),
                            id + " " + key + " holds credentials: " + text);
                } else {
                    assertTrue(text.contains("REPLACE-ME"), id + " " + key + " is not a placeholder");
                }
            });
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void runsAsNonRootWithAReadOnlyRootFilesystem(String overlay) {
        Built built = built(overlay);
        Map<String, Object> podSecurity = optionalMap(built.pod(), "securityContext");
        Map<String, Object> containerSecurity = map(built.container(), "securityContext");
        Object runAsNonRoot = containerSecurity.getOrDefault("runAsNonRoot",
                podSecurity == null ? null : podSecurity.get("runAsNonRoot"));
        assertEquals(Boolean.TRUE, runAsNonRoot, "runAsNonRoot");
        Object runAsUser = containerSecurity.getOrDefault("runAsUser", podSecurity == null ? null : podSecurity.get("runAsUser"));
        assertTrue(runAsUser == null || ((Integer) runAsUser) != 0, "runAsUser must not be 0");
        assertEquals(Boolean.FALSE, containerSecurity.get("allowPrivilegeEscalation"));
        if (Boolean.TRUE.equals(containerSecurity.get("readOnlyRootFilesystem"))) {
            String volume = built.mountedVolume("/tmp");
            assertNotNull(volume, "a read-only root filesystem needs a writable /tmp (Vert.x cache, JVM temp files)");
            assertTrue(built.volumeSource(volume).containsKey("emptyDir"), "/tmp is an emptyDir");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void aVolumeIsMountedWherePARLEY_DATA_DIRPoints(String overlay) {
        Built built = built(overlay);
        Object dataDir = built.envByName().get("PARLEY_DATA_DIR").get("value");
        assertNotNull(dataDir, "the Deployment sets PARLEY_DATA_DIR");
        assertNotNull(built.mountedVolume((String) dataDir), overlay + ": no volume is mounted at PARLEY_DATA_DIR=" + dataDir);
        assertEquals(dataDir, readDockerfileDataDir(), "the Deployment and the image agree on the data directory");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void environmentVariablesAreParleySettings(String overlay) {
        Set<String> known = DeployFiles.configEnvNames();
        assertTrue(known.containsAll(Set.of("PARLEY_PLATFORM", "PARLEY_DATA_DIR", "PARLEY_API_SERVER_KEY")),
                "derived from the config mappings: " + known);
        List<String> unknown = new ArrayList<>();
        for (String name : built(overlay).envByName().keySet()) {
            if (name.startsWith("PARLEY_") && !known.contains(name)) {
                unknown.add(name);
            }
        }
        assertEquals(List.of(), unknown, overlay + ": PARLEY_* variables that no configuration key reads (known: " + known + ")");
    }

    /** Kubernetes expands {@code $(NAME)} in an env value only if NAME is set earlier in the same container's list. */
    @ParameterizedTest
    @MethodSource("overlays")
    void environmentVariablesReferToEarlierOnes(String overlay) {
        built(overlay).objects.values().forEach(object -> assertVariablesReferToEarlierOnes(object, overlay));
    }

    // --- embedded: today's single Parley ---

    @Test
    void embeddedIsOneReplicaRecreatedInPlace() {
        Map<String, Object> spec = map(built("embedded").deployment(), "spec");
        assertEquals(1, spec.get("replicas"), "state is in one data volume and media is in process: one replica");
        assertEquals("Recreate", map(spec, "strategy").get("type"));
        assertNull(map(spec, "strategy").get("rollingUpdate"), "Recreate takes no rollingUpdate settings");
    }

    @Test
    void embeddedDataVolumeIsTheClaim() {
        Built built = built("embedded");
        String volume = built.mountedVolume((String) built.envByName().get("PARLEY_DATA_DIR").get("value"));
        Map<String, Object> claim = optionalMap(built.volumeSource(volume), "persistentVolumeClaim");
        assertNotNull(claim, "embedded: the data volume must be a PersistentVolumeClaim");
        assertTrue(built.objects.containsKey("PersistentVolumeClaim/" + claim.get("claimName")),
                "claim " + claim.get("claimName") + " is not defined");
    }

    @Test
    void embeddedExposesUdpMedia() {
        Built built = built("embedded");
        boolean media = false;
        for (Map<String, Object> port : list(map(built.single("Service"), "spec"), "ports")) {
            Map<String, Object> containerPort = built.containerPort(port.get("targetPort"));
            media |= "UDP".equals(port.get("protocol")) && Objects.equals(7882, port.get("port"))
                    && Objects.equals(7882, containerPort.get("containerPort")) && "media".equals(port.get("name"));
        }
        assertTrue(media, "the Service must expose the media router as port 7882/UDP named media");
        boolean tcp = false;
        String tcpPort = withDefault(MediaConfig.Tcp.class, "port");
        for (Map<String, Object> port : list(map(built.single("Service"), "spec"), "ports")) {
            Map<String, Object> containerPort = built.containerPort(port.get("targetPort"));
            tcp |= "TCP".equals(port.get("protocol")) && Objects.equals(Integer.valueOf(tcpPort), port.get("port"))
                    && Objects.equals(Integer.valueOf(tcpPort), containerPort.get("containerPort"))
                    && "media-tcp".equals(port.get("name"));
        }
        assertTrue(tcp, "the Service must expose ICE-TCP as port " + tcpPort + "/TCP named media-tcp");
    }

    // --- vonage: several replicas, state in PostgreSQL ---

    @Test
    void vonageRollsSeveralReplicasWithoutLosingOne() {
        Map<String, Object> spec = map(built("vonage").deployment(), "spec");
        assertTrue(spec.get("replicas") instanceof Integer replicas && replicas >= 2, "vonage: replicas >= 2: " + spec.get("replicas"));
        Map<String, Object> strategy = map(spec, "strategy");
        assertEquals("RollingUpdate", strategy.get("type"));
        Map<String, Object> rolling = map(strategy, "rollingUpdate");
        assertEquals(0, rolling.get("maxUnavailable"), "a rolling update never goes below the replica count");
        assertTrue(rolling.get("maxSurge") instanceof Integer surge && surge >= 1,
                "with maxUnavailable 0, maxSurge must let a new pod start: " + rolling.get("maxSurge"));
    }

    @Test
    void vonagePodDisruptionBudgetCoversThePodsAndLetsOneGo() {
        assertPodDisruptionBudgetLetsSomeGo(built("vonage"));
    }

    @Test
    void vonageAutoscalesTheDeploymentOnCpu() {
        Built built = built("vonage");
        Map<String, Object> hpa = built.single("HorizontalPodAutoscaler");
        assertEquals("autoscaling/v2", hpa.get("apiVersion"));
        Map<String, Object> spec = map(hpa, "spec");
        Map<String, Object> target = map(spec, "scaleTargetRef");
        Map<String, Object> deployment = built.deployment();
        assertEquals(deployment.get("apiVersion"), target.get("apiVersion"), "scaleTargetRef apiVersion");
        assertEquals("Deployment", target.get("kind"), "scaleTargetRef kind");
        assertEquals(map(deployment, "metadata").get("name"), target.get("name"), "scaleTargetRef name");
        int min = asInt(spec.get("minReplicas"), "minReplicas");
        int max = asInt(spec.get("maxReplicas"), "maxReplicas");
        int replicas = (Integer) map(deployment, "spec").get("replicas");
        assertTrue(min >= 2 && min <= replicas && replicas <= max && min < max,
                "minReplicas " + min + " <= replicas " + replicas + " <= maxReplicas " + max + ", at least 2");
        boolean cpu = false;
        for (Map<String, Object> metric : list(spec, "metrics")) {
            Map<String, Object> resource = optionalMap(metric, "resource");
            cpu |= "Resource".equals(metric.get("type")) && resource != null && "cpu".equals(resource.get("name"))
                    && "Utilization".equals(map(resource, "target").get("type"))
                    && map(resource, "target").get("averageUtilization") instanceof Integer;
        }
        assertTrue(cpu, "the autoscaler scales on CPU utilization: " + spec.get("metrics"));
        assertNotNull(map(map(built.container(), "resources"), "requests").get("cpu"),
                "CPU utilization is measured against the container's CPU request");
    }

    @Test
    void vonageKeepsNoStateInThePod() {
        Built built = built("vonage");
        assertEquals(List.of(), built.all("PersistentVolumeClaim"), "vonage: state is in PostgreSQL, no claim");
        for (Map<String, Object> volume : list(built.pod(), "volumes")) {
            assertFalse(volume.containsKey("persistentVolumeClaim"), "vonage: no claim mounted: " + volume);
        }
        String dataVolume = built.mountedVolume((String) built.envByName().get("PARLEY_DATA_DIR").get("value"));
        assertTrue(built.volumeSource(dataVolume).containsKey("emptyDir"), "vonage: the data directory is an emptyDir");
        assertEquals("vonage", built.envValue("PARLEY_PLATFORM"), "the vonage overlay runs the Vonage platform");
        assertEquals("postgres", built.envValue("PARLEY_STORE"), "the vonage overlay keeps its state in PostgreSQL");
        for (Map<String, Object> port : list(built.container(), "ports")) {
            assertEquals("TCP", port.getOrDefault("protocol", "TCP"), "vonage: media is Vonage's, no UDP port: " + port);
        }
        for (Map<String, Object> port : list(map(built.single("Service"), "spec"), "ports")) {
            assertEquals("TCP", port.getOrDefault("protocol", "TCP"), "vonage: media is Vonage's, no UDP port: " + port);
        }
    }

    @Test
    void vonageReadsThePostgresConnectionFromItsSecret() {
        assertPostgresConnectionFromItsSecret(built("vonage"));
    }

    @Test
    void vonageSpreadsReplicasOverNodes() {
        Built built = built("vonage");
        Map<String, Object> antiAffinity = map(map(built.pod(), "affinity"), "podAntiAffinity");
        List<Map<String, Object>> preferred = list(antiAffinity, "preferredDuringSchedulingIgnoredDuringExecution");
        boolean acrossNodes = false;
        for (Map<String, Object> term : preferred) {
            Map<String, Object> podTerm = map(term, "podAffinityTerm");
            if ("kubernetes.io/hostname".equals(podTerm.get("topologyKey"))) {
                assertSelects(map(map(podTerm, "labelSelector"), "matchLabels"), built.podLabels(), "the anti-affinity");
                acrossNodes = true;
            }
        }
        assertTrue(acrossNodes, "a preferred pod anti-affinity across nodes (kubernetes.io/hostname)");
    }

    @Test
    void vonageGivesTheGracefulShutdownTimeToFinish() {
        Built built = built("vonage");
        Duration delay = setting(built, "quarkus.shutdown.delay", ANNOUNCED_SHUTDOWN_DELAY);
        Duration timeout = setting(built, "quarkus.shutdown.timeout", ANNOUNCED_SHUTDOWN_TIMEOUT);
        int grace = asInt(built.pod().get("terminationGracePeriodSeconds"), "terminationGracePeriodSeconds");
        assertTrue(grace > delay.plus(timeout).toSeconds() + 5, "terminationGracePeriodSeconds " + grace
                + " must leave room for the shutdown delay " + delay + " + timeout " + timeout + " and the JVM's exit");
        Map<String, Object> readiness = map(built.container(), "readinessProbe");
        int period = asInt(readiness.get("periodSeconds"), "readinessProbe.periodSeconds");
        int failures = asInt(readiness.getOrDefault("failureThreshold", 3), "readinessProbe.failureThreshold");
        assertTrue(period >= 2 && period <= 5, "readiness is checked every 2 to 5 s: " + period);
        assertTrue(period * failures <= delay.toSeconds(), "a pod reporting DOWN leaves the Service within the "
                + delay + " shutdown delay: every " + period + " s x " + failures + " failures");
    }

    // --- media-nodes: the embedded platform on several nodes, state in PostgreSQL ---

    @Test
    void mediaNodesAreAStatefulSetGovernedByAHeadlessService() {
        Built built = built("media-nodes");
        assertEquals(List.of(), built.all("Deployment"), "media-nodes: the StatefulSet replaces the base's Deployment");
        Map<String, Object> statefulSet = built.single("StatefulSet");
        assertEquals("apps/v1", statefulSet.get("apiVersion"));
        Map<String, Object> spec = map(statefulSet, "spec");
        assertTrue(spec.get("replicas") instanceof Integer replicas && replicas >= 2,
                "media-nodes: several nodes: " + spec.get("replicas"));
        assertEquals("Parallel", spec.get("podManagementPolicy"), "media nodes start and stop independently");
        Object serviceName = spec.get("serviceName");
        Map<String, Object> governing = built.objects.get("Service/" + serviceName);
        assertNotNull(governing, "serviceName " + serviceName + " names a Service of the overlay");
        Map<String, Object> serviceSpec = map(governing, "spec");
        assertEquals("None", serviceSpec.get("clusterIP"), "the StatefulSet's Service is headless (per-pod DNS names)");
        assertEquals(built.podLabels(), serviceSpec.get("selector"), "the headless Service selects the media pods");
        assertFalse(Boolean.TRUE.equals(serviceSpec.get("publishNotReadyAddresses")),
                "a pod that is not ready (starting, draining) has no name");
        for (Map<String, Object> port : list(serviceSpec, "ports")) {
            built.containerPort(port.get("targetPort"));
        }
        assertNotEquals(serviceName, map(built.httpService(), "metadata").get("name"),
                "the headless Service is not the HTTP Service");
    }

    /**
     * The StatefulSet's pod is the base's (written once, in base/deployment.yaml): the overlay only adds env
     * variables, ports and volume mounts to the container, and changes nothing the base sets.
     */
    @Test
    void mediaNodesKeepTheBaseContainer() {
        Built built = built("media-nodes");
        Built base = new Built("base", Kustomize.build(BASE));
        Map<String, Object> expected = base.container();
        Map<String, Object> actual = built.container();
        for (String field : new TreeSet<>(actual.keySet())) {
            assertTrue(expected.containsKey(field) || ADDED_BY_MERGE_KEY.containsKey(field),
                    "media-nodes: the container sets " + field + ", which the base's does not");
        }
        expected.forEach((field, value) -> {
            String key = ADDED_BY_MERGE_KEY.get(field);
            if (key == null) {
                assertEquals(value, actual.get(field), "media-nodes: the container's " + field + " is the base's");
                return;
            }
            Map<Object, Map<String, Object>> items = new LinkedHashMap<>();
            list(actual, field).forEach(item -> items.put(item.get(key), item));
            for (Map<String, Object> item : list(expected, field)) {
                assertEquals(item, items.get(item.get(key)), "media-nodes: " + field + " " + item.get(key)
                        + " is the base's");
            }
        });
        assertEquals(map(base.pod(), "securityContext"), map(built.pod(), "securityContext"), "the pod's securityContext");
        assertEquals(base.podLabels(), built.podLabels(), "the pod's labels");
        assertEquals(map(map(base.workload(), "spec"), "selector"), map(map(built.workload(), "spec"), "selector"),
                "the selector");
        for (Map<String, Object> volume : list(base.pod(), "volumes")) {
            assertEquals(volume, built.volumeSource((String) volume.get("name")), "media-nodes: the base's volume");
        }
    }

    @Test
    void mediaNodesHaveAnIdAndAUrlOfTheirOwn() {
        Built built = built("media-nodes");
        Map<String, Map<String, Object>> env = built.envByName();
        assertEquals("metadata.name", fieldRef(env, "PARLEY_NODE_ID"), "the node id is the pod's name (stable)");
        String url = built.envValue("PARLEY_NODE_URL");
        assertTrue(url.startsWith("https://"), "browsers on https pages need wss: " + url);
        Matcher reference = VARIABLE_REFERENCE.matcher(url);
        assertTrue(reference.find(), "each pod has its own URL, made of its name: " + url);
        assertEquals("metadata.name", fieldRef(env, reference.group(1)), url + ": " + reference.group(1)
                + " is the pod's name");
        assertEquals("embedded", built.envValue("PARLEY_PLATFORM"), "media nodes are the embedded platform");
    }

    @Test
    void mediaNodesShareTheirStateInPostgres() {
        assertPostgresConnectionFromItsSecret(built("media-nodes"));
    }

    @Test
    void mediaNodesUseTheHostNetworkOnePerKubernetesNode() {
        Built built = built("media-nodes");
        Map<String, Object> pod = built.pod();
        assertEquals(Boolean.TRUE, pod.get("hostNetwork"), "media goes straight to the host's address");
        assertEquals("ClusterFirstWithHostNet", pod.get("dnsPolicy"), "on the host's network, still resolve cluster names");
        Map<String, Object> antiAffinity = map(map(pod, "affinity"), "podAntiAffinity");
        boolean onePerNode = false;
        for (Map<String, Object> term : list(antiAffinity, "requiredDuringSchedulingIgnoredDuringExecution")) {
            if ("kubernetes.io/hostname".equals(term.get("topologyKey"))) {
                assertSelects(map(map(term, "labelSelector"), "matchLabels"), built.podLabels(), "the anti-affinity");
                onePerNode = true;
            }
        }
        assertTrue(onePerNode, "a required pod anti-affinity on kubernetes.io/hostname: the host's ports are one pod's");
        String port = built.envByName().containsKey("PARLEY_MEDIA_PORT")
                ? built.envValue("PARLEY_MEDIA_PORT") : withDefault(MediaConfig.class, "port");
        Map<String, Object> media = built.containerPort("media");
        assertEquals("UDP", media.get("protocol"), "the media port is UDP: " + media);
        assertEquals(Integer.valueOf(port), media.get("containerPort"), "the media port is parley.media.port");
        assertEquals(media.get("containerPort"), media.get("hostPort"), "on the host's network hostPort is containerPort");
        Map<String, Object> tcp = built.containerPort("media-tcp");
        assertEquals("TCP", tcp.get("protocol"), "ICE-TCP: " + tcp);
        assertEquals(Integer.valueOf(withDefault(MediaConfig.Tcp.class, "port")), tcp.get("containerPort"),
                "the ICE-TCP port is parley.media.tcp.port");
        assertEquals(tcp.get("containerPort"), tcp.get("hostPort"), "on the host's network hostPort is containerPort");
        assertEquals("status.hostIP", fieldRef(built.envByName(), "PARLEY_MEDIA_ANNOUNCED_ADDRESSES"),
                "media nodes announce their host's address");
    }

    @Test
    void mediaNodesKeepTheirDataOnAClaimOfTheirOwn() {
        Built built = built("media-nodes");
        String volume = built.mountedVolume(built.envValue("PARLEY_DATA_DIR"));
        for (Map<String, Object> podVolume : list(built.pod(), "volumes")) {
            assertNotEquals(volume, podVolume.get("name"), "the data volume is per pod, not the pod template's");
        }
        Map<String, Object> template = null;
        for (Map<String, Object> claim : list(map(built.workload(), "spec"), "volumeClaimTemplates")) {
            if (volume.equals(map(claim, "metadata").get("name"))) {
                template = claim;
            }
        }
        assertNotNull(template, "media-nodes: the data directory's volume " + volume + " is a volumeClaimTemplate");
        assertEquals(List.of("ReadWriteOnce"), map(template, "spec").get("accessModes"), "one node's own volume");
        assertNotNull(map(map(map(template, "spec"), "resources"), "requests").get("storage"), "the claim's size");
        assertEquals(List.of(), built.all("PersistentVolumeClaim"), "media-nodes: no shared claim");
    }

    @Test
    void mediaNodesPodDisruptionBudgetLetsOneGo() {
        Built built = built("media-nodes");
        assertPodDisruptionBudgetLetsSomeGo(built);
        assertEquals(1, map(built.single("PodDisruptionBudget"), "spec").get("maxUnavailable"),
                "one media node drains at a time");
    }

    @Test
    void mediaNodesGiveTheDrainAndTheShutdownTimeToFinish() {
        Built built = built("media-nodes");
        Duration drain = setting(built, "parley.node.drain-timeout",
                duration(withDefault(NodeConfig.class, "drainTimeout")));
        Duration delay = setting(built, "quarkus.shutdown.delay", ANNOUNCED_SHUTDOWN_DELAY);
        Duration timeout = setting(built, "quarkus.shutdown.timeout", ANNOUNCED_SHUTDOWN_TIMEOUT);
        int grace = asInt(built.pod().get("terminationGracePeriodSeconds"), "terminationGracePeriodSeconds");
        // a node that has served WebSockets waits the whole shutdown timeout after its drain
        assertTrue(grace >= drain.plus(delay).plus(timeout).toSeconds() + 5, "terminationGracePeriodSeconds " + grace
                + " must cover the drain " + drain + " + the shutdown delay " + delay + " + timeout " + timeout
                + " and the JVM's exit");
    }

    // --- helpers ---

    /** The PostgreSQL connection comes from the parley-postgres Secret, and nowhere else. */
    private static void assertPostgresConnectionFromItsSecret(Built built) {
        assertEquals("postgres", built.envValue("PARLEY_STORE"), built.overlay + ": state in PostgreSQL");
        Map<String, Map<String, Object>> env = built.envByName();
        Map<String, String> expected = Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", "reactive-url",
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc-url", "QUARKUS_DATASOURCE_USERNAME", "username",
                "QUARKUS_DATASOURCE_PASSWORD", "password");
        expected.forEach((name, key) -> {
            Map<String, Object> ref = ref(env, name, "secretKeyRef");
            assertNotNull(ref, name + " from a Secret");
            assertEquals("parley-postgres", ref.get("name"), name + ": the Secret");
            assertEquals(key, ref.get("key"), name + ": the key");
            assertFalse(Boolean.TRUE.equals(ref.get("optional")), name + " is required");
        });
        for (String name : env.keySet()) {
            if (name.startsWith("QUARKUS_DATASOURCE_")) {
                assertTrue(expected.containsKey(name), name + ": the connection comes from parley-postgres only");
            }
        }
        String reactive = String.valueOf(map(built.objects.get("Secret/parley-postgres"), "stringData").get("reactive-url"));
        String jdbc = String.valueOf(map(built.objects.get("Secret/parley-postgres"), "stringData").get("jdbc-url"));
        assertTrue(reactive.startsWith("postgresql://"), "the reactive client's URL: " + reactive);
        assertEquals("jdbc:" + reactive, jdbc, "both URLs name the same database");
    }

    /** A PodDisruptionBudget selects the pods and lets a drain take some but not all of them. */
    private static void assertPodDisruptionBudgetLetsSomeGo(Built built) {
        Map<String, Object> pdb = built.single("PodDisruptionBudget");
        assertEquals("policy/v1", pdb.get("apiVersion"));
        Map<String, Object> spec = map(pdb, "spec");
        assertSelects(map(map(spec, "selector"), "matchLabels"), built.podLabels(),
                built.overlay + ": the PodDisruptionBudget");
        int replicas = asInt(map(built.workload(), "spec").get("replicas"), "replicas");
        Object minAvailable = spec.get("minAvailable");
        Object maxUnavailable = spec.get("maxUnavailable");
        assertTrue(minAvailable == null ^ maxUnavailable == null, "set one of minAvailable and maxUnavailable: " + spec);
        int mayGo = minAvailable != null ? replicas - asInt(minAvailable, "minAvailable") : asInt(maxUnavailable, "maxUnavailable");
        assertTrue(mayGo >= 1 && mayGo < replicas, built.overlay + ": a drain may take some but not all of the "
                + replicas + " replicas: " + mayGo + " (" + spec + ")");
    }

    private static Built built(String overlay) {
        return BUILDS.computeIfAbsent(overlay, o -> new Built(o, Kustomize.build(OVERLAYS.resolve(o))));
    }

    /** The built objects of one overlay, by kind/name, and the accessors the checks use. */
    private static final class Built {
        final String overlay;
        final Map<String, Map<String, Object>> objects = new LinkedHashMap<>();

        Built(String overlay, Kustomize.Build build) {
            this.overlay = overlay;
            for (Map<String, Object> object : build.objects()) {
                objects.put(Kustomize.id(object), object);
            }
        }

        List<Map<String, Object>> all(String kind) {
            return objects.entrySet().stream().filter(e -> e.getKey().startsWith(kind + "/")).map(Map.Entry::getValue).toList();
        }

        Map<String, Object> single(String kind) {
            List<Map<String, Object>> matches = all(kind);
            assertEquals(1, matches.size(), overlay + ": expected one " + kind);
            return matches.get(0);
        }

        Map<String, Object> deployment() {
            return single("Deployment");
        }

        /** What runs the pods: the Deployment, or the media nodes' StatefulSet (one of them, not both). */
        Map<String, Object> workload() {
            List<Map<String, Object>> workloads = new ArrayList<>(all("Deployment"));
            workloads.addAll(all("StatefulSet"));
            assertEquals(1, workloads.size(), overlay + ": expected one Deployment or StatefulSet");
            return workloads.get(0);
        }

        /** The base's HTTP Service (page, REST API, signaling), which every overlay keeps. */
        Map<String, Object> httpService() {
            Map<String, Object> service = objects.get("Service/parley");
            assertNotNull(service, overlay + ": no Service parley");
            return service;
        }

        Map<String, Object> pod() {
            return map(map(map(workload(), "spec"), "template"), "spec");
        }

        Object podLabels() {
            return map(map(map(workload(), "spec"), "template"), "metadata").get("labels");
        }

        Map<String, Object> container() {
            List<Map<String, Object>> containers = list(pod(), "containers");
            assertEquals(1, containers.size(), overlay + ": one container");
            return containers.get(0);
        }

        Map<String, Object> containerPort(Object nameOrNumber) {
            for (Map<String, Object> port : list(container(), "ports")) {
                if (Objects.equals(nameOrNumber, port.get("name")) || Objects.equals(nameOrNumber, port.get("containerPort"))) {
                    return port;
                }
            }
            return fail(overlay + ": the container declares no port " + nameOrNumber);
        }

        void assertProbe(String probe, String path) {
            Map<String, Object> httpGet = map(map(container(), probe), "httpGet");
            assertEquals(path, httpGet.get("path"), overlay + ": " + probe + " path");
            Map<String, Object> port = containerPort(httpGet.get("port"));
            assertEquals(8080, port.get("containerPort"), overlay + ": " + probe + " must reach the HTTP port");
            assertEquals("TCP", port.getOrDefault("protocol", "TCP"), overlay + ": " + probe + " port protocol");
        }

        Map<String, Map<String, Object>> envByName() {
            Map<String, Map<String, Object>> env = new LinkedHashMap<>();
            for (Map<String, Object> var : list(container(), "env")) {
                assertEquals(null, env.put((String) var.get("name"), var), overlay + ": env set twice: " + var.get("name"));
            }
            return env;
        }

        /** An env variable's value as the pod sees it: literal, or read from a ConfigMap of this overlay. */
        String envValue(String name) {
            Map<String, Map<String, Object>> env = envByName();
            Map<String, Object> var = env.get(name);
            assertNotNull(var, overlay + ": the container does not set " + name);
            if (var.containsKey("value")) {
                return String.valueOf(var.get("value"));
            }
            Map<String, Object> ref = ref(env, name, "configMapKeyRef");
            assertNotNull(ref, overlay + ": " + name + " is neither a value nor read from a ConfigMap");
            Map<String, Object> configMap = objects.get("ConfigMap/" + ref.get("name"));
            assertNotNull(configMap, overlay + ": " + name + " reads ConfigMap " + ref.get("name") + ", not defined");
            return String.valueOf(map(configMap, "data").get(ref.get("key")));
        }

        String mountedVolume(String path) {
            for (Map<String, Object> mount : list(container(), "volumeMounts")) {
                if (path.equals(mount.get("mountPath"))) {
                    return (String) mount.get("name");
                }
            }
            return null;
        }

        Map<String, Object> volumeSource(String name) {
            for (Map<String, Object> volume : list(pod(), "volumes")) {
                if (name.equals(volume.get("name"))) {
                    return volume;
                }
            }
            return fail(overlay + ": volume " + name + " is mounted but not defined");
        }
    }

    private static void assertSelects(Map<String, Object> selector, Object podLabels, String what) {
        assertTrue(podLabels instanceof Map<?, ?> labels && !selector.isEmpty()
                        && selector.entrySet().stream().allMatch(e -> Objects.equals(e.getValue(), labels.get(e.getKey()))),
                what + " selects " + selector + ", the pods are labelled " + podLabels);
    }

    private static Set<String> dataKeys(Map<String, Object> object) {
        Set<String> keys = new TreeSet<>();
        for (String field : List.of("data", "stringData", "binaryData")) {
            Map<String, Object> data = optionalMap(object, field);
            if (data != null) {
                keys.addAll(data.keySet());
            }
        }
        return keys;
    }

    private static Map<String, Object> ref(Map<String, Map<String, Object>> env, String name, String refType) {
        Map<String, Object> var = env.get(name);
        assertNotNull(var, "the container does not set " + name);
        Map<String, Object> from = optionalMap(var, "valueFrom");
        return from == null ? null : optionalMap(from, refType);
    }

    private static int asInt(Object value, String what) {
        assertTrue(value instanceof Integer, what + " is a whole number here: " + value);
        return (Integer) value;
    }

    /**
     * A setting as the container sees it: its environment variable if the container sets one, else
     * application.properties (no profile), else {@code fallback} (the mapping's default, or what issue 12 announces).
     */
    private static Duration setting(Built built, String key, Duration fallback) {
        String variable = key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        if (built.envByName().containsKey(variable)) {
            return duration(built.envValue(variable));
        }
        Path properties = DeployFiles.ROOT.resolve("src/main/resources/application.properties");
        Matcher matcher = Pattern.compile("^" + Pattern.quote(key) + "\\s*=\\s*(\\S+)\\s*$", Pattern.MULTILINE)
                .matcher(Files.isRegularFile(properties) ? DeployFiles.read(properties) : "");
        return matcher.find() ? duration(matcher.group(1)) : fallback;
    }

    /** A duration as SmallRye Config reads it: a number with an optional unit (seconds by default), or ISO-8601. */
    private static Duration duration(String value) {
        Matcher simple = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(value);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2) == null ? "s" : simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        return Duration.parse(value);
    }

    /** The {@code @WithDefault} of a configuration mapping's method. */
    private static String withDefault(Class<?> mapping, String method) {
        try {
            WithDefault annotation = mapping.getMethod(method).getAnnotation(WithDefault.class);
            assertNotNull(annotation, mapping.getSimpleName() + "." + method + " has no default");
            return annotation.value();
        } catch (NoSuchMethodException e) {
            return fail(mapping.getSimpleName() + " has no " + method + "()", e);
        }
    }

    /** The downward-API field an env variable reads ({@code fieldRef.fieldPath}), or null. */
    private static String fieldRef(Map<String, Map<String, Object>> env, String name) {
        Map<String, Object> ref = ref(env, name, "fieldRef");
        return ref == null ? null : (String) ref.get("fieldPath");
    }

    /** In every container of an object's pod template, each {@code $(NAME)} in an env value names an earlier item. */
    @SuppressWarnings("unchecked")
    private static void assertVariablesReferToEarlierOnes(Map<String, Object> object, String where) {
        if (!(object.get("spec") instanceof Map<?, ?> spec) || !(spec.get("template") instanceof Map<?, ?> template)
                || !(template.get("spec") instanceof Map<?, ?> pod)) {
            return;
        }
        for (Map<String, Object> container : list((Map<String, Object>) pod, "containers")) {
            Set<String> earlier = new TreeSet<>();
            for (Map<String, Object> variable : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
                Matcher reference = VARIABLE_REFERENCE.matcher(String.valueOf(variable.getOrDefault("value", "")));
                while (reference.find()) {
                    assertTrue(earlier.contains(reference.group(1)), where + ": " + Kustomize.id(object) + " env "
                            + variable.get("name") + " refers to $(" + reference.group(1) + "), which is not set before it"
                            + " (Kubernetes would leave the reference as it is)");
                }
                earlier.add((String) variable.get("name"));
            }
        }
    }

    private static String readDockerfileDataDir() {
        for (String line : DeployFiles.read(DeployFiles.DOCKER.resolve("Dockerfile")).split("\n")) {
            if (line.matches("^ENV\\s+PARLEY_DATA_DIR[=\\s].*")) {
                return line.replaceFirst("^ENV\\s+PARLEY_DATA_DIR[=\\s]+", "").trim();
            }
        }
        return fail("docker/Dockerfile does not set PARLEY_DATA_DIR");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Mappings by key, and lists of mappings in a fixed order: what a build means, not how it is laid out. */
    @SuppressWarnings("unchecked")
    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> sorted.put(k, canonical(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> items = list.stream().map(KubernetesManifestTest::canonical).collect(Collectors.toList());
            if (items.stream().allMatch(Map.class::isInstance)) {
                items.sort(Comparator.comparing(String::valueOf));
            }
            return items;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertTrue(value instanceof Map, "expected a mapping at " + key + " in " + parent.keySet());
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> optionalMap(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof Map ? (Map<String, Object>) value : null;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertTrue(value instanceof List, "expected a list at " + key + " in " + parent.keySet());
        return (List<Map<String, Object>>) value;
    }
}
