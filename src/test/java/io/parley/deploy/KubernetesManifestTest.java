package io.parley.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks docker/kubernetes/: a Kustomize base and two overlays, each overlay built as {@code kubectl apply -k} would
 * build it ({@link Kustomize}), then every reference between the built objects, and the objects against the app.
 */
class KubernetesManifestTest {

    static final Path BASE = KUBERNETES.resolve("base");
    static final Path OVERLAYS = KUBERNETES.resolve("overlays");
    private static final List<String> OVERLAY_NAMES = List.of("embedded", "vonage");

    /** The shutdown the vonage overlay is sized for, until application.properties sets it (issue 12). */
    private static final Duration ANNOUNCED_SHUTDOWN_DELAY = Duration.ofSeconds(5);
    private static final Duration ANNOUNCED_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    private static final Map<String, Built> BUILDS = new ConcurrentHashMap<>();

    // --- layout ---

    @Test
    void theKustomizationsAreTheBaseAndTheTwoOverlays() throws IOException {
        Set<String> directories;
        try (Stream<Path> files = Files.walk(KUBERNETES)) {
            directories = files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
                    .map(f -> KUBERNETES.relativize(f.getParent()).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(List.of("base", "overlays/embedded", "overlays/vonage")), directories,
                "directories of docker/kubernetes holding YAML");
        for (String overlay : OVERLAY_NAMES) {
            assertEquals(Set.of(BASE), Kustomize.bases(OVERLAYS.resolve(overlay)), overlay + " builds on the base");
        }
        assertEquals(Set.of(), Kustomize.bases(BASE), "the base builds on nothing");
    }

    @Test
    void everyKustomizationUsesEveryManifestInItsDirectory() throws IOException {
        for (Path directory : List.of(BASE, OVERLAYS.resolve("embedded"), OVERLAYS.resolve("vonage"))) {
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
            for (String kind : List.of("Deployment", "Service", "ConfigMap", "Secret")) {
                assertFalse(built(overlay).all(kind).isEmpty(), overlay + ": no " + kind);
            }
        }
        assertEquals(1, built("embedded").all("PersistentVolumeClaim").size(), "embedded keeps its state on a claim");
        assertEquals(1, built("vonage").all("PodDisruptionBudget").size(), "vonage: one PodDisruptionBudget");
        assertEquals(1, built("vonage").all("HorizontalPodAutoscaler").size(), "vonage: one HorizontalPodAutoscaler");
    }

    /** Where kubectl is installed, its own kustomize must build exactly what {@link Kustomize} builds. */
    @ParameterizedTest
    @ValueSource(strings = {"embedded", "vonage"})
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
            }
            Map<String, Object> actual = new TreeMap<>();
            built(overlay).objects.forEach((id, object) -> actual.put(id, canonical(object)));
            assertEquals(expected, actual, overlay + ": kubectl kustomize vs the test's build");
        } finally {
            Files.delete(file);
        }
    }

    // --- both overlays ---

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "vonage"})
    void selectorMatchesThePodTemplate(String overlay) {
        Built built = built(overlay);
        Map<String, Object> spec = map(built.deployment(), "spec");
        assertEquals(map(spec, "selector").get("matchLabels"), built.podLabels(),
                overlay + ": the selector must match the pod template's labels");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "vonage"})
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
    @ValueSource(strings = {"embedded", "vonage"})
    void serviceTargetsContainerPortsByName(String overlay) {
        Built built = built(overlay);
        Map<String, Object> spec = map(built.single("Service"), "spec");
        assertEquals(built.podLabels(), spec.get("selector"), overlay + ": the Service must select the Deployment's pods");
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
    @ValueSource(strings = {"embedded", "vonage"})
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
    @ValueSource(strings = {"embedded", "vonage"})
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
    @ValueSource(strings = {"embedded", "vonage"})
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
    @ValueSource(strings = {"embedded", "vonage"})
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
    @ValueSource(strings = {"embedded", "vonage"})
    void aVolumeIsMountedWherePARLEY_DATA_DIRPoints(String overlay) {
        Built built = built(overlay);
        Object dataDir = built.envByName().get("PARLEY_DATA_DIR").get("value");
        assertNotNull(dataDir, "the Deployment sets PARLEY_DATA_DIR");
        assertNotNull(built.mountedVolume((String) dataDir), overlay + ": no volume is mounted at PARLEY_DATA_DIR=" + dataDir);
        assertEquals(dataDir, readDockerfileDataDir(), "the Deployment and the image agree on the data directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "vonage"})
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
        Built built = built("vonage");
        Map<String, Object> pdb = built.single("PodDisruptionBudget");
        assertEquals("policy/v1", pdb.get("apiVersion"));
        Map<String, Object> spec = map(pdb, "spec");
        assertSelects(map(map(spec, "selector"), "matchLabels"), built.podLabels(), "the PodDisruptionBudget");
        int replicas = (Integer) map(built.deployment(), "spec").get("replicas");
        Object minAvailable = spec.get("minAvailable");
        Object maxUnavailable = spec.get("maxUnavailable");
        assertTrue(minAvailable == null ^ maxUnavailable == null, "set one of minAvailable and maxUnavailable: " + spec);
        int mayGo = minAvailable != null ? replicas - asInt(minAvailable, "minAvailable") : asInt(maxUnavailable, "maxUnavailable");
        assertTrue(mayGo >= 1 && mayGo < replicas,
                "a drain may take some but not all of the " + replicas + " replicas: " + mayGo + " (" + spec + ")");
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
        Built built = built("vonage");
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
        Duration delay = shutdownSetting("quarkus.shutdown.delay", ANNOUNCED_SHUTDOWN_DELAY);
        Duration timeout = shutdownSetting("quarkus.shutdown.timeout", ANNOUNCED_SHUTDOWN_TIMEOUT);
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

    // --- helpers ---

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

        Map<String, Object> pod() {
            return map(map(map(deployment(), "spec"), "template"), "spec");
        }

        Object podLabels() {
            return map(map(map(deployment(), "spec"), "template"), "metadata").get("labels");
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

    /** A shutdown setting from application.properties (no profile), or the value issue 12 announces for it. */
    private static Duration shutdownSetting(String key, Duration announced) {
        Path properties = DeployFiles.ROOT.resolve("src/main/resources/application.properties");
        Matcher matcher = Pattern.compile("^" + Pattern.quote(key) + "\\s*=\\s*(\\S+)\\s*$", Pattern.MULTILINE)
                .matcher(Files.isRegularFile(properties) ? DeployFiles.read(properties) : "");
        if (!matcher.find()) {
            return announced;
        }
        String value = matcher.group(1);
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
