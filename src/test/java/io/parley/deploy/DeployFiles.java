package io.parley.deploy;

import io.parley.ParleyConfig;
import io.parley.api.auth.ApiConfig;
import io.parley.callbacks.CallbacksConfig;
import io.parley.embedded.archives.ArchivesConfig;
import io.parley.embedded.media.router.MediaConfig;
import io.parley.embedded.signaling.IceConfig;
import io.parley.embedded.signaling.SignalingConfig;
import io.parley.nodes.NodeConfig;
import io.parley.rooms.RoomsConfig;
import io.parley.vonage.VonageConfig;
import io.smallrye.config.ConfigMapping;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared by the deployment-file tests: where the files are, how to read them, and which settings Parley knows. */
final class DeployFiles {

    /** Surefire runs tests in the project's base directory. */
    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path DOCKER = ROOT.resolve("docker");
    static final Path KUBERNETES = DOCKER.resolve("kubernetes");

    /** The configuration interfaces in this build; each key is derived from the interface, so a rename shows up here. */
    private static final List<Class<?>> CONFIG_MAPPINGS = List.of(ParleyConfig.class, ApiConfig.class,
            VonageConfig.class, CallbacksConfig.class, RoomsConfig.class, IceConfig.class, SignalingConfig.class,
            MediaConfig.class, ArchivesConfig.class, NodeConfig.class);

    private static final Pattern EXAMPLE_KEY = Pattern.compile("^#?\\s*(parley\\.[a-z0-9.-]+)\\s*=", Pattern.MULTILINE);

    private DeployFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + ROOT.relativize(file), e);
        }
    }

    /** Every document of a YAML file, as plain maps (safe constructor: no arbitrary types). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(file))) {
            if (document != null) {
                if (!(document instanceof Map)) {
                    throw new AssertionError(ROOT.relativize(file) + ": a YAML document is not a mapping: " + document);
                }
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    static Map<String, Object> yaml(Path file) {
        List<Map<String, Object>> documents = yamlDocuments(file);
        if (documents.size() != 1) {
            throw new AssertionError(ROOT.relativize(file) + ": expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    /** Parley's configuration keys: from the mapping interfaces and the documented example. */
    static Set<String> configKeys() {
        Set<String> keys = new TreeSet<>();
        for (Class<?> mapping : CONFIG_MAPPINGS) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            for (Method method : mapping.getDeclaredMethods()) {
                if (!method.isDefault() && !Modifier.isStatic(method.getModifiers()) && method.getParameterCount() == 0) {
                    keys.add(prefix + "." + kebab(method.getName()));
                }
            }
        }
        Path example = ROOT.resolve("application.properties.example");
        if (Files.isRegularFile(example)) {
            Matcher matcher = EXAMPLE_KEY.matcher(read(example));
            while (matcher.find()) {
                keys.add(matcher.group(1));
            }
        }
        return keys;
    }

    /** The environment variable names that SmallRye Config maps onto {@link #configKeys()}. */
    static Set<String> configEnvNames() {
        Set<String> names = new TreeSet<>();
        for (String key : configKeys()) {
            names.add(key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return names;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
