package io.parley.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.parley.deploy.DeployFiles.DOCKER;
import static io.parley.deploy.DeployFiles.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads docker/Dockerfile instruction by instruction, and checks docker/compose.yaml against it. */
class DockerfileTest {

    record Instruction(String keyword, String arguments) {
    }

    record Stage(String from, String name, List<Instruction> instructions) {

        List<String> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
        }

        String last(String keyword) {
            List<String> all = all(keyword);
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    private static final List<Stage> STAGES = new ArrayList<>();
    private static final Map<String, String> GLOBAL_ARGS = new HashMap<>();

    @BeforeAll
    static void parse() {
        Stage current = null;
        for (Instruction instruction : instructions(DeployFiles.read(DOCKER.resolve("Dockerfile")))) {
            if (instruction.keyword().equals("FROM")) {
                String[] words = instruction.arguments().split("\\s+");
                String name = words.length >= 3 && words[words.length - 2].equalsIgnoreCase("AS") ? words[words.length - 1] : null;
                current = new Stage(words[0].startsWith("--") ? words[1] : words[0], name, new ArrayList<>());
                STAGES.add(current);
            } else if (current == null) {
                assertEquals("ARG", instruction.keyword(), "only ARG may come before the first FROM");
                putArg(GLOBAL_ARGS, instruction.arguments());
            } else {
                current.instructions().add(instruction);
            }
        }
    }

    /** Joins continuation lines, drops comments and parser directives, splits keyword from arguments. */
    static List<Instruction> instructions(String dockerfile) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : dockerfile.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String text = pending.toString().strip();
            pending.setLength(0);
            if (!text.isEmpty()) {
                String[] parts = text.split("\\s+", 2);
                instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
            }
        }
        assertTrue(pending.isEmpty(), "the Dockerfile ends inside a continued line");
        return instructions;
    }

    @Test
    void buildsFromSourceInSeveralStages() {
        assertTrue(STAGES.size() >= 2, "a multi-stage build: a build stage and a runtime stage");
        Stage build = buildStage();
        List<String> runs = build.all("RUN");
        assertTrue(runs.stream().anyMatch(r -> r.matches(".*\\./mvnw\\b.*\\bpackage\\b.*") && r.contains("-DskipTests")),
                "the build stage runs ./mvnw package -DskipTests: " + runs);

        // Dependency-caching layer: the build descriptor is copied and resolved before the sources are.
        List<Instruction> steps = build.instructions();
        int pom = indexOf(steps, "COPY", "pom.xml");
        int goOffline = indexOf(steps, "RUN", "go-offline");
        int sources = -1;
        for (int i = 0; i < steps.size(); i++) {
            String args = steps.get(i).arguments();
            if (steps.get(i).keyword().equals("COPY") && (args.matches("(\\S+\\s+)?\\.\\s+\\S+") || args.startsWith("src"))) {
                sources = i;
                break;
            }
        }
        assertTrue(pom >= 0 && goOffline > pom && sources > goOffline,
                "COPY pom.xml, then RUN ... go-offline, then COPY the sources (got " + pom + ", " + goOffline + ", " + sources + ")");
        for (Instruction copy : steps.subList(0, goOffline)) {
            if (copy.keyword().equals("COPY") && !copy.arguments().startsWith("--from")) {
                String[] words = copy.arguments().split("\\s+");
                for (int i = 0; i < words.length - 1; i++) {
                    assertTrue(Files.exists(ROOT.resolve(words[i])), "the Dockerfile copies " + words[i] + ", which is missing");
                }
            }
        }
    }

    @Test
    void buildStageHasNodeForTheWebApp() {
        Stage build = buildStage();
        boolean node = build.from().startsWith("node:") || STAGES.stream()
                .anyMatch(s -> s.from().startsWith("node:") && build.all("COPY").stream().anyMatch(c -> c.contains("--from=" + s.name())));
        assertTrue(node, "Quinoa runs npm during mvn package: the build stage needs Node.js");
        assertTrue(build.from().matches("node:(2[0-9]|[3-9][0-9]).*") || !build.from().startsWith("node:"), "Node.js 20+");
    }

    @Test
    void runtimeStageRunsAsANonRootUser() {
        Stage runtime = runtime();
        String user = runtime.last("USER");
        assertNotNull(user, "the final stage sets USER");
        String resolved = substitute(runtime, user).split(":")[0];
        assertFalse(Set.of("root", "0", "").contains(resolved), "USER must not be root: " + resolved);
        assertTrue(resolved.matches("[1-9][0-9]*"), "a numeric UID lets Kubernetes check runAsNonRoot: " + resolved);
    }

    @Test
    void runtimeIsTheOperatingSystemTheMinimalOsSmokeTestRuns() throws Exception {
        Stage runtime = runtime();
        // .ci/minimal-os-smoke builds a Debian bookworm root filesystem with a JRE and docker/runtime-packages
        assertTrue(runtime.from().matches("debian:bookworm(-slim)?"), "runtime on Debian bookworm: " + runtime.from());
        String smoke = Files.readString(ROOT.resolve(".ci/minimal-os-smoke"));
        assertTrue(smoke.contains("SUITE=bookworm") && smoke.contains("docker/runtime-packages"),
                "the smoke test boots the same OS with the same packages");
        String install = String.join("\n", runtime.all("RUN"));
        assertTrue(install.matches("(?s).*apt-get install.*--no-install-recommends.*jre-headless.*"),
                "a headless JRE, without recommended extras: " + install);
        assertTrue(install.contains("/tmp/runtime-packages"), "installs docker/runtime-packages: " + install);
        assertTrue(runtime.all("COPY").stream().anyMatch(c -> c.startsWith("docker/runtime-packages")),
                "copies docker/runtime-packages into the runtime stage");
        for (String pkg : Files.readAllLines(ROOT.resolve("docker/runtime-packages"))) {
            assertFalse(pkg.matches("(?i)\\s*(ffmpeg|libav\\S*|libva\\S*)\\s*"),
                    "archiving uses the bundled ffmpeg: the runtime must not install " + pkg);
        }
        assertFalse(install.matches("(?s).*\\b(ffmpeg|libva2|libva-drm2)\\b.*"), "no ffmpeg or libva installed: " + install);
    }

    @Test
    void exposesHttpAndUdpMedia() {
        Set<String> exposed = exposedPorts();
        assertTrue(exposed.contains("8080/tcp"), "EXPOSE 8080: " + exposed);
        assertTrue(exposed.contains("7882/udp"), "EXPOSE 7882/udp: " + exposed);
    }

    @Test
    void runsTheQuarkusFastJar() {
        Stage runtime = runtime();
        String workdir = runtime.last("WORKDIR");
        String entrypoint = runtime.last("ENTRYPOINT");
        assertNotNull(entrypoint, "ENTRYPOINT");
        assertTrue(entrypoint.startsWith("["), "exec form, so java is PID 1 and gets SIGTERM");
        assertTrue(entrypoint.contains("-jar") && entrypoint.contains("quarkus-run.jar"), "runs quarkus-run.jar: " + entrypoint);
        assertTrue(entrypoint.contains("-XX:MaxRAMPercentage="), "the heap follows the container's memory limit");
        Set<String> copied = new TreeSet<>();
        for (String copy : runtime.all("COPY")) {
            Matcher m = Pattern.compile("--from=" + Pattern.quote(buildStage().name()) + "\\s.*?target/quarkus-app/(\\S*)\\s+(\\S+)$")
                    .matcher(copy);
            if (m.find()) {
                assertTrue(m.group(2).startsWith(workdir), "quarkus-app goes to the WORKDIR " + workdir + ": " + copy);
                copied.add(m.group(1));
            }
        }
        assertTrue(copied.containsAll(Set.of("lib/", "app/", "quarkus/")), "fast-jar directories copied: " + copied);
        assertTrue(copied.contains("quarkus-run.jar") || copied.contains("*.jar") || copied.contains(""),
                "quarkus-run.jar copied: " + copied);
    }

    @Test
    void dataDirectoryIsAVolume() {
        String dataDir = dataDir();
        assertTrue(dataDir.startsWith("/"), "PARLEY_DATA_DIR is absolute: " + dataDir);
        List<String> volumes = runtime().all("VOLUME");
        assertTrue(volumes.stream().anyMatch(v -> v.contains("\"" + dataDir + "\"") || v.equals(dataDir)),
                "VOLUME " + dataDir + " (got " + volumes + ")");
    }

    @Test
    void dockerignoreKeepsBuildOutputAndStateOut() {
        Set<String> ignored = new TreeSet<>();
        for (String line : DeployFiles.read(ROOT.resolve(".dockerignore")).split("\\R")) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                ignored.add(line.strip().replaceAll("/$", ""));
            }
        }
        assertTrue(ignored.containsAll(Set.of("target", "web/node_modules", "web/dist", "data")), ".dockerignore: " + ignored);
    }

    @Test
    void mavenWrapperIsComplete() {
        assertTrue(Files.isExecutable(ROOT.resolve("mvnw")), "mvnw is executable");
        assertTrue(Files.isRegularFile(ROOT.resolve("mvnw.cmd")), "mvnw.cmd");
        String properties = DeployFiles.read(ROOT.resolve(".mvn/wrapper/maven-wrapper.properties"));
        assertTrue(properties.contains("distributionUrl=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/"),
                "the wrapper downloads Maven from Maven Central");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeBuildsThisDockerfileAndPublishesTheSamePorts() {
        Map<String, Object> compose = DeployFiles.yaml(DOCKER.resolve("compose.yaml"));
        Map<String, Object> parley = KubernetesManifestTest.map(KubernetesManifestTest.map(compose, "services"), "parley");
        Map<String, Object> build = KubernetesManifestTest.map(parley, "build");
        Path context = DOCKER.resolve((String) build.get("context")).normalize();
        assertEquals(ROOT, context, "the build context is the repository root");
        Path dockerfile = context.resolve((String) build.getOrDefault("dockerfile", "Dockerfile")).normalize();
        assertEquals(DOCKER.resolve("Dockerfile"), dockerfile, "compose builds docker/Dockerfile");
        assertTrue(Files.isRegularFile(dockerfile));

        Set<String> published = new TreeSet<>();
        for (Object port : (List<Object>) parley.get("ports")) {
            String spec = String.valueOf(port);
            String protocol = spec.contains("/") ? spec.substring(spec.indexOf('/') + 1) : "tcp";
            String mapping = spec.contains("/") ? spec.substring(0, spec.indexOf('/')) : spec;
            String[] parts = mapping.split(":");
            assertEquals(parts[parts.length - 2], parts[parts.length - 1], "same port on host and container: " + spec);
            published.add(parts[parts.length - 1] + "/" + protocol);
        }
        assertEquals(exposedPorts(), published, "compose publishes exactly the ports the image exposes");

        String dataDir = dataDir();
        Set<String> namedVolumes = ((Map<String, Object>) compose.getOrDefault("volumes", Map.of())).keySet();
        boolean mounted = false;
        for (Object volume : (List<Object>) parley.get("volumes")) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts.length >= 2 && parts[1].equals(dataDir)) {
                assertTrue(namedVolumes.contains(parts[0]), "the data volume is a named volume: " + volume);
                mounted = true;
            }
        }
        assertTrue(mounted, "compose mounts a volume at " + dataDir);

        Map<String, Object> environment = KubernetesManifestTest.map(parley, "environment");
        assertTrue(String.valueOf(environment.get("PARLEY_PLATFORM")).contains("embedded"), "embedded by default");
        Object composeDataDir = environment.get("PARLEY_DATA_DIR");
        assertTrue(composeDataDir == null || dataDir.equals(composeDataDir), "PARLEY_DATA_DIR agrees with the image");
        Set<String> known = DeployFiles.configEnvNames();
        Set<String> names = new TreeSet<>(environment.keySet());
        // commented-out variables are documentation too: they must name real settings as well
        Matcher commented = Pattern.compile("#\\s*(PARLEY_[A-Z0-9_]+)\\s*:").matcher(DeployFiles.read(DOCKER.resolve("compose.yaml")));
        while (commented.find()) {
            names.add(commented.group(1));
        }
        names.removeAll(known);
        assertEquals(Set.of(), names, "PARLEY_* variables that no configuration key reads (known: " + known + ")");
        assertTrue(KubernetesManifestTest.map(parley, "healthcheck").get("test").toString().contains("/q/health/"),
                "the compose healthcheck asks a health endpoint");
    }

    @Test
    void dockerfileEnvironmentNamesRealSettings() {
        Set<String> unknown = new TreeSet<>();
        for (String env : runtime().all("ENV")) {
            Matcher m = Pattern.compile("(PARLEY_[A-Z0-9_]+)[=\\s]").matcher(env + " ");
            while (m.find()) {
                unknown.add(m.group(1));
            }
        }
        unknown.removeAll(DeployFiles.configEnvNames());
        assertEquals(Set.of(), unknown, "PARLEY_* variables in the Dockerfile that no configuration key reads");
    }

    // --- helpers ---

    private static Stage runtime() {
        return STAGES.get(STAGES.size() - 1);
    }

    /** The stage the runtime copies the application from. */
    private static Stage buildStage() {
        for (String copy : runtime().all("COPY")) {
            Matcher m = Pattern.compile("--from=(\\S+)").matcher(copy);
            if (m.find() && copy.contains("quarkus-app")) {
                String name = m.group(1);
                return STAGES.stream().filter(s -> name.equals(s.name())).findFirst()
                        .orElseThrow(() -> new AssertionError("no stage named " + name));
            }
        }
        throw new AssertionError("the final stage copies target/quarkus-app from no build stage");
    }

    private static Set<String> exposedPorts() {
        Set<String> exposed = new TreeSet<>();
        for (String expose : runtime().all("EXPOSE")) {
            for (String port : substitute(runtime(), expose).split("\\s+")) {
                exposed.add(port.contains("/") ? port.toLowerCase(Locale.ROOT) : port + "/tcp");
            }
        }
        return exposed;
    }

    private static String dataDir() {
        for (String env : runtime().all("ENV")) {
            Matcher m = Pattern.compile("PARLEY_DATA_DIR[=\\s]+(\\S+)").matcher(env);
            if (m.find()) {
                return m.group(1).replaceAll("^\"|\"$", "");
            }
        }
        throw new AssertionError("the final stage sets no PARLEY_DATA_DIR");
    }

    private static int indexOf(List<Instruction> steps, String keyword, String text) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).keyword().equals(keyword) && steps.get(i).arguments().contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /** Expands ${NAME} from the stage's ARG defaults (and global ARGs). */
    private static String substitute(Stage stage, String text) {
        Map<String, String> args = new HashMap<>(GLOBAL_ARGS);
        stage.all("ARG").forEach(a -> putArg(args, a));
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = args.get(m.group(1));
            assertNotNull(value, "no default for " + m.group(1) + " in " + text);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static void putArg(Map<String, String> args, String declaration) {
        String[] parts = declaration.split("=", 2);
        args.put(parts[0].strip(), parts.length > 1 ? parts[1].strip().replaceAll("^\"|\"$", "") : null);
    }
}
