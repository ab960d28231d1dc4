package io.parley.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.parley.deploy.DeployFiles.KUBERNETES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Checks docker/kubernetes/ as a whole: every reference between the manifests, and the manifests against the app. */
class KubernetesManifestTest {

    /** kind/name -> manifest, from every file listed in kustomization.yaml. */
    private static final Map<String, Map<String, Object>> OBJECTS = new LinkedHashMap<>();
    private static List<String> resources;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() {
        Map<String, Object> kustomization = DeployFiles.yaml(KUBERNETES.resolve("kustomization.yaml"));
        resources = (List<String>) kustomization.get("resources");
        assertNotNull(resources, "kustomization.yaml lists no resources");
        for (String resource : resources) {
            Path file = KUBERNETES.resolve(resource);
            assertTrue(Files.isRegularFile(file), "kustomization.yaml lists " + resource + ", which does not exist");
            for (Map<String, Object> object : DeployFiles.yamlDocuments(file)) {
                String id = object.get("kind") + "/" + map(object, "metadata").get("name");
                assertEquals(null, OBJECTS.put(id, object), "defined twice: " + id);
            }
        }
    }

    @Test
    void kustomizationListsEveryManifestInTheDirectory() throws IOException {
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            Set<String> manifests = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .filter(n -> !n.startsWith("kustomization."))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(manifests, new TreeSet<>(resources), "files in docker/kubernetes vs kustomization.yaml resources");
        }
        for (String kind : List.of("Deployment", "Service", "ConfigMap", "Secret", "PersistentVolumeClaim")) {
            assertTrue(OBJECTS.keySet().stream().anyMatch(id -> id.startsWith(kind + "/")), "no " + kind);
        }
    }

    @Test
    void deploymentIsOneReplicaRecreatedInPlace() {
        Map<String, Object> spec = map(deployment(), "spec");
        assertEquals(1, spec.get("replicas"), "state is in one data volume and media is in process: one replica");
        assertEquals("Recreate", map(spec, "strategy").get("type"));
        assertEquals(map(spec, "selector").get("matchLabels"), map(map(spec, "template"), "metadata").get("labels"),
                "the selector must match the pod template's labels");
    }

    @Test
    void probesUseTheHealthEndpointsOnADeclaredPort() {
        Map<String, Object> container = container();
        assertProbe(container, "livenessProbe", "/q/health/live");
        assertProbe(container, "readinessProbe", "/q/health/ready");
        if (container.containsKey("startupProbe")) {
            assertProbe(container, "startupProbe", "/q/health/live");
        }
    }

    private static void assertProbe(Map<String, Object> container, String probe, String path) {
        Map<String, Object> httpGet = map(map(container, probe), "httpGet");
        assertEquals(path, httpGet.get("path"), probe + " path");
        Map<String, Object> port = containerPort(container, httpGet.get("port"));
        assertEquals(8080, port.get("containerPort"), probe + " must reach the HTTP port");
        assertEquals("TCP", port.getOrDefault("protocol", "TCP"), probe + " port protocol");
    }

    @Test
    void serviceTargetsContainerPortsByNameAndExposesUdpMedia() {
        Map<String, Object> service = single("Service");
        Map<String, Object> spec = map(service, "spec");
        assertEquals(map(map(map(deployment(), "spec"), "template"), "metadata").get("labels"), spec.get("selector"),
                "the Service must select the Deployment's pods");
        boolean http = false;
        boolean media = false;
        for (Map<String, Object> port : list(spec, "ports")) {
            Object target = port.get("targetPort");
            assertTrue(target instanceof String, "targetPort must name a container port: " + port);
            Map<String, Object> containerPort = containerPort(container(), target);
            String protocol = (String) port.getOrDefault("protocol", "TCP");
            assertEquals(containerPort.getOrDefault("protocol", "TCP"), protocol, "protocol of " + port);
            http |= "TCP".equals(protocol) && Objects.equals(8080, containerPort.get("containerPort"));
            media |= "UDP".equals(protocol) && Objects.equals(7882, port.get("port"))
                    && Objects.equals(7882, containerPort.get("containerPort")) && "media".equals(port.get("name"));
        }
        assertTrue(http, "the Service must expose the HTTP port 8080");
        assertTrue(media, "the Service must expose the media router as port 7882/UDP named media");
    }

    @Test
    void everySecretAndConfigMapReferenceResolves() {
        int references = 0;
        for (Map<String, Object> env : list(container(), "env")) {
            Map<String, Object> from = optionalMap(env, "valueFrom");
            if (from == null) {
                continue;
            }
            for (String ref : List.of("secretKeyRef", "configMapKeyRef")) {
                Map<String, Object> keyRef = optionalMap(from, ref);
                if (keyRef != null) {
                    references++;
                    String kind = ref.equals("secretKeyRef") ? "Secret" : "ConfigMap";
                    Map<String, Object> target = OBJECTS.get(kind + "/" + keyRef.get("name"));
                    assertNotNull(target, env.get("name") + " refers to " + kind + " " + keyRef.get("name")
                            + ", which the manifests do not define");
                    Set<String> keys = new TreeSet<>();
                    for (String field : List.of("data", "stringData", "binaryData")) {
                        Map<String, Object> data = optionalMap(target, field);
                        if (data != null) {
                            keys.addAll(data.keySet());
                        }
                    }
                    assertTrue(keys.contains((String) keyRef.get("key")), env.get("name") + " refers to key "
                            + keyRef.get("key") + " of " + kind + " " + keyRef.get("name") + ", which has " + keys);
                }
            }
        }
        assertTrue(references >= 3, "platform, server key and Vonage credentials come from a ConfigMap and Secrets");
    }

    @Test
    void platformComesFromTheConfigMapAndCredentialsFromSecrets() {
        Map<String, Map<String, Object>> env = envByName();
        assertNotNull(ref(env, "PARLEY_PLATFORM", "configMapKeyRef"), "PARLEY_PLATFORM from a ConfigMap");
        assertNotNull(ref(env, "PARLEY_API_SERVER_KEY", "secretKeyRef"), "PARLEY_API_SERVER_KEY from a Secret");
        for (String name : List.of("PARLEY_VONAGE_APPLICATION_ID", "PARLEY_VONAGE_PRIVATE_KEY")) {
            Map<String, Object> ref = ref(env, name, "secretKeyRef");
            assertNotNull(ref, name + " from a Secret");
            assertEquals(Boolean.TRUE, ref.get("optional"), name + ": the embedded platform starts without Vonage");
        }
        String platform = (String) map(OBJECTS.get("ConfigMap/" + ref(env, "PARLEY_PLATFORM", "configMapKeyRef")
                .get("name")), "data").get("platform");
        assertTrue(Set.of("embedded", "vonage").contains(platform), "parley.platform is embedded or vonage: " + platform);
    }

    @Test
    void exampleSecretsHoldOnlyPlaceholders() {
        for (Map.Entry<String, Map<String, Object>> object : OBJECTS.entrySet()) {
            if (object.getKey().startsWith("Secret/")) {
                assertFalse(object.getValue().containsKey("data"), "example Secrets use readable stringData");
                map(object.getValue(), "stringData").forEach((key, value) -> assertTrue(
                        String.valueOf(value).contains("REPLACE-ME"), object.getKey() + " " + key + " is not a placeholder"));
            }
        }
    }

    @Test
    void runsAsNonRootWithAReadOnlyRootFilesystem() {
        Map<String, Object> pod = map(map(map(deployment(), "spec"), "template"), "spec");
        Map<String, Object> podSecurity = optionalMap(pod, "securityContext");
        Map<String, Object> containerSecurity = map(container(), "securityContext");
        Object runAsNonRoot = containerSecurity.getOrDefault("runAsNonRoot",
                podSecurity == null ? null : podSecurity.get("runAsNonRoot"));
        assertEquals(Boolean.TRUE, runAsNonRoot, "runAsNonRoot");
        Object runAsUser = containerSecurity.getOrDefault("runAsUser", podSecurity == null ? null : podSecurity.get("runAsUser"));
        assertTrue(runAsUser == null || ((Integer) runAsUser) != 0, "runAsUser must not be 0");
        assertEquals(Boolean.FALSE, containerSecurity.get("allowPrivilegeEscalation"));
        if (Boolean.TRUE.equals(containerSecurity.get("readOnlyRootFilesystem"))) {
            String volume = mountedVolume("/tmp");
            assertNotNull(volume, "a read-only root filesystem needs a writable /tmp (Vert.x cache, JVM temp files)");
            assertTrue(volumeSource(volume).containsKey("emptyDir"), "/tmp is an emptyDir");
        }
    }

    @Test
    void dataVolumeIsAClaimMountedWherePARLEY_DATA_DIRPoints() {
        Object dataDir = envByName().get("PARLEY_DATA_DIR").get("value");
        assertNotNull(dataDir, "the Deployment sets PARLEY_DATA_DIR");
        String volume = mountedVolume((String) dataDir);
        assertNotNull(volume, "no volume is mounted at PARLEY_DATA_DIR=" + dataDir);
        Map<String, Object> claim = optionalMap(volumeSource(volume), "persistentVolumeClaim");
        assertNotNull(claim, "the data volume must be a PersistentVolumeClaim");
        assertTrue(OBJECTS.containsKey("PersistentVolumeClaim/" + claim.get("claimName")),
                "claim " + claim.get("claimName") + " is not defined");
        assertEquals(dataDir, readDockerfileDataDir(), "the Deployment and the image agree on the data directory");
    }

    @Test
    void environmentVariablesAreParleySettings() {
        Set<String> known = DeployFiles.configEnvNames();
        assertTrue(known.containsAll(Set.of("PARLEY_PLATFORM", "PARLEY_DATA_DIR", "PARLEY_API_SERVER_KEY")),
                "derived from the config mappings: " + known);
        List<String> unknown = new ArrayList<>();
        for (String name : envByName().keySet()) {
            if (name.startsWith("PARLEY_") && !known.contains(name)) {
                unknown.add(name);
            }
        }
        assertEquals(List.of(), unknown, "PARLEY_* variables that no configuration key reads (known: " + known + ")");
    }

    // --- helpers ---

    private static String readDockerfileDataDir() {
        for (String line : DeployFiles.read(DeployFiles.DOCKER.resolve("Dockerfile")).split("\n")) {
            if (line.matches("^ENV\\s+PARLEY_DATA_DIR[=\\s].*")) {
                return line.replaceFirst("^ENV\\s+PARLEY_DATA_DIR[=\\s]+", "").trim();
            }
        }
        return fail("docker/Dockerfile does not set PARLEY_DATA_DIR");
    }

    private static Map<String, Object> deployment() {
        return single("Deployment");
    }

    private static Map<String, Object> single(String kind) {
        List<Map<String, Object>> matches = OBJECTS.entrySet().stream().filter(e -> e.getKey().startsWith(kind + "/"))
                .map(Map.Entry::getValue).toList();
        assertEquals(1, matches.size(), "expected one " + kind);
        return matches.get(0);
    }

    private static Map<String, Object> container() {
        List<Map<String, Object>> containers = list(map(map(map(deployment(), "spec"), "template"), "spec"), "containers");
        assertEquals(1, containers.size(), "one container");
        return containers.get(0);
    }

    private static Map<String, Object> containerPort(Map<String, Object> container, Object nameOrNumber) {
        for (Map<String, Object> port : list(container, "ports")) {
            if (Objects.equals(nameOrNumber, port.get("name")) || Objects.equals(nameOrNumber, port.get("containerPort"))) {
                return port;
            }
        }
        return fail("the container declares no port " + nameOrNumber);
    }

    private static Map<String, Map<String, Object>> envByName() {
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        for (Map<String, Object> var : list(container(), "env")) {
            assertEquals(null, env.put((String) var.get("name"), var), "env set twice: " + var.get("name"));
        }
        return env;
    }

    private static Map<String, Object> ref(Map<String, Map<String, Object>> env, String name, String refType) {
        Map<String, Object> var = env.get(name);
        assertNotNull(var, "the container does not set " + name);
        Map<String, Object> from = optionalMap(var, "valueFrom");
        return from == null ? null : optionalMap(from, refType);
    }

    private static String mountedVolume(String path) {
        for (Map<String, Object> mount : list(container(), "volumeMounts")) {
            if (path.equals(mount.get("mountPath"))) {
                return (String) mount.get("name");
            }
        }
        return null;
    }

    private static Map<String, Object> volumeSource(String name) {
        for (Map<String, Object> volume : list(map(map(map(deployment(), "spec"), "template"), "spec"), "volumes")) {
            if (name.equals(volume.get("name"))) {
                return volume;
            }
        }
        return fail("volume " + name + " is mounted but not defined");
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
