package io.parley.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.parley.deploy.DeployFiles.ROOT;

/**
 * Just enough of {@code kustomize build} for the deployment tests, on plain YAML: {@code resources} (files and other
 * kustomization directories), {@code patches} given by {@code path} (strategic-merge patches, optionally with a
 * {@code target} naming kind and name, and with the {@code options} {@code allowKindChange} and
 * {@code allowNameChange}, which let the patch's own kind and name replace the target's) and {@code images}. Anything
 * else in a kustomization, or a patch directive this class does not know, fails the build, so the tests never check
 * objects that kustomize would build differently.
 *
 * <p>Strategic merge, as Kubernetes defines it for the fields these manifests use: mappings merge key by key, a
 * {@code null} removes the key, and lists replace the original unless Kubernetes gives them a merge key
 * ({@link #mergeKey}), in which case items with the same key merge and new items are added. The order of list items is
 * not kustomize's (it puts new items first); the tests do not depend on it.
 */
final class Kustomize {

    private static final String FILE = "kustomization.yaml";
    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "patches", "images");
    private static final Set<String> PATCH_FIELDS = Set.of("path", "target", "options");
    private static final Set<String> OPTION_FIELDS = Set.of("allowKindChange", "allowNameChange");
    private static final Set<String> TARGET_FIELDS = Set.of("kind", "name");
    private static final Set<String> IMAGE_FIELDS = Set.of("name", "newName", "newTag");

    /** The objects a kustomization builds, and every file it read (its own and its bases'). */
    record Build(List<Map<String, Object>> objects, Set<Path> files) {
    }

    private Kustomize() {
    }

    static Build build(Path directory) {
        Map<String, Object> kustomization = kustomization(directory);
        List<Map<String, Object>> objects = new ArrayList<>();
        Set<Path> files = new LinkedHashSet<>();
        files.add(directory.resolve(FILE));
        Set<String> ids = new LinkedHashSet<>();
        for (String resource : strings(kustomization, "resources", directory)) {
            Path path = directory.resolve(resource).normalize();
            List<Map<String, Object>> added;
            if (Files.isDirectory(path)) {
                Build base = build(path);
                added = base.objects();
                files.addAll(base.files());
            } else if (Files.isRegularFile(path)) {
                added = DeployFiles.yamlDocuments(path);
                files.add(path);
            } else {
                throw new AssertionError(where(directory) + " lists resource " + resource + ", which does not exist");
            }
            for (Map<String, Object> object : added) {
                if (!ids.add(id(object))) {
                    throw new AssertionError(where(directory) + ": defined twice: " + id(object));
                }
                objects.add(object);
            }
        }
        for (Map<String, Object> patch : maps(kustomization, "patches", directory)) {
            only(patch.keySet(), PATCH_FIELDS, where(directory) + " patch " + patch);
            Path path = directory.resolve(String.valueOf(patch.get("path"))).normalize();
            if (!Files.isRegularFile(path)) {
                throw new AssertionError(where(directory) + " patch " + patch + ": no file " + patch.get("path"));
            }
            files.add(path);
            Map<String, Object> body = DeployFiles.yaml(path);
            Map<String, Object> target = targetOf(patch, body, path);
            Set<String> options = optionsOf(patch, path);
            int matched = 0;
            for (int i = 0; i < objects.size(); i++) {
                Map<String, Object> object = objects.get(i);
                if (target.get("kind").equals(object.get("kind")) && target.get("name").equals(name(object))) {
                    objects.set(i, mergePatch(object, body, options, path));
                    matched++;
                }
            }
            if (matched == 0) {
                throw new AssertionError(where(path) + " patches " + target + ", which the resources do not define");
            }
        }
        for (Map<String, Object> image : maps(kustomization, "images", directory)) {
            only(image.keySet(), IMAGE_FIELDS, where(directory) + " image " + image);
            objects.replaceAll(object -> withImage(object, image));
        }
        return new Build(objects, files);
    }

    /** The files a kustomization names itself: its file resources and its patches, not its bases'. */
    static Set<Path> ownFiles(Path directory) {
        Map<String, Object> kustomization = kustomization(directory);
        Set<Path> files = new LinkedHashSet<>();
        for (String resource : strings(kustomization, "resources", directory)) {
            Path path = directory.resolve(resource).normalize();
            if (Files.isRegularFile(path)) {
                files.add(path);
            }
        }
        for (Map<String, Object> patch : maps(kustomization, "patches", directory)) {
            files.add(directory.resolve(String.valueOf(patch.get("path"))).normalize());
        }
        return files;
    }

    /** The kustomization directories a kustomization builds on (its directory resources). */
    static Set<Path> bases(Path directory) {
        Set<Path> bases = new LinkedHashSet<>();
        for (String resource : strings(kustomization(directory), "resources", directory)) {
            Path path = directory.resolve(resource).normalize();
            if (Files.isDirectory(path)) {
                bases.add(path);
            }
        }
        return bases;
    }

    static String id(Map<String, Object> object) {
        return object.get("kind") + "/" + name(object);
    }

    private static Map<String, Object> kustomization(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(where(directory) + " has no " + FILE);
        }
        Map<String, Object> kustomization = DeployFiles.yaml(file);
        only(kustomization.keySet(), FIELDS, where(file) + " (fields this check does not understand)");
        if (!"Kustomization".equals(kustomization.get("kind"))) {
            throw new AssertionError(where(file) + " is not a Kustomization");
        }
        return kustomization;
    }

    private static Map<String, Object> targetOf(Map<String, Object> patch, Map<String, Object> body, Path path) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("kind", body.get("kind"));
        target.put("name", name(body));
        Object given = patch.get("target");
        if (given != null) {
            if (!(given instanceof Map<?, ?> selector)) {
                throw new AssertionError(where(path) + ": target is not a mapping");
            }
            Set<String> fields = new LinkedHashSet<>();
            selector.keySet().forEach(k -> fields.add(String.valueOf(k)));
            only(fields, TARGET_FIELDS, where(path) + " target");
            if (!fields.equals(TARGET_FIELDS)) {
                throw new AssertionError(where(path) + ": a target here names both kind and name: " + selector);
            }
            target.put("kind", selector.get("kind"));
            target.put("name", selector.get("name"));
        }
        if (target.get("kind") == null || target.get("name") == null) {
            throw new AssertionError(where(path) + ": a patch names its target's kind and metadata.name");
        }
        return target;
    }

    /** The options a patch turns on; an option set to false is the same as no option. */
    private static Set<String> optionsOf(Map<String, Object> patch, Path path) {
        Object given = patch.getOrDefault("options", Map.of());
        if (!(given instanceof Map<?, ?> options)) {
            throw new AssertionError(where(path) + ": options is not a mapping");
        }
        Set<String> on = new LinkedHashSet<>();
        for (Map.Entry<?, ?> option : options.entrySet()) {
            if (!(option.getValue() instanceof Boolean)) {
                throw new AssertionError(where(path) + ": option " + option.getKey() + " is not true or false");
            }
            if (Boolean.TRUE.equals(option.getValue())) {
                on.add(String.valueOf(option.getKey()));
            }
        }
        only(on, OPTION_FIELDS, where(path) + " options");
        return on;
    }

    /**
     * A strategic-merge patch on one object. The object keeps its name unless the patch allows a name change; a patch
     * of another kind (or apiVersion) must allow a kind change, and the object is then of the patch's kind: that is how
     * kustomize turns, say, a Deployment into a StatefulSet with the same pod template.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> mergePatch(Map<String, Object> object, Map<String, Object> patch,
                                                  Set<String> options, Path path) {
        Map<String, Object> body = new LinkedHashMap<>(patch);
        boolean otherKind = !Objects.equals(object.get("kind"), body.get("kind"))
                || !Objects.equals(object.get("apiVersion"), body.get("apiVersion"));
        if (otherKind && !options.contains("allowKindChange")) {
            throw new AssertionError(where(path) + ": patches " + id(object) + " as " + body.get("apiVersion") + " "
                    + body.get("kind") + " without the option allowKindChange");
        }
        if (!options.contains("allowNameChange")) {
            Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) body.get("metadata"));
            metadata.remove("name");   // the target's; with a target, the patch's own name only selects nothing
            body.put("metadata", metadata);
        }
        return (Map<String, Object>) merge(object, body, null, path);
    }

    @SuppressWarnings("unchecked")
    private static Object merge(Object original, Object patch, String field, Path path) {
        if (patch instanceof Map<?, ?> patchMap && original instanceof Map<?, ?> originalMap) {
            Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) originalMap);
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) patchMap).entrySet()) {
                if (entry.getKey().startsWith("$")) {
                    throw new AssertionError(where(path) + ": patch directive " + entry.getKey() + " is not supported here");
                }
                if (entry.getValue() == null) {
                    merged.remove(entry.getKey());
                } else {
                    merged.put(entry.getKey(), merge(merged.get(entry.getKey()), entry.getValue(), entry.getKey(), path));
                }
            }
            return merged;
        }
        if (patch instanceof List<?> patchList && original instanceof List<?> originalList) {
            String key = mergeKey(field, originalList, patchList);
            if (key != null) {
                List<Object> merged = new ArrayList<>(originalList);
                for (Object item : patchList) {
                    Object value = ((Map<?, ?>) item).get(key);
                    int at = -1;
                    for (int i = 0; i < merged.size(); i++) {
                        if (Objects.equals(value, ((Map<?, ?>) merged.get(i)).get(key))) {
                            at = i;
                        }
                    }
                    if (at < 0) {
                        merged.add(merge(null, item, null, path));
                    } else {
                        merged.set(at, merge(merged.get(at), item, null, path));
                    }
                }
                return merged;
            }
        }
        return stripNulls(patch);
    }

    /**
     * The merge key Kubernetes declares for a list field (patchMergeKey), or null for lists that a patch replaces.
     * {@code ports} is a container's (keyed by containerPort) or a Service's (keyed by port).
     */
    private static String mergeKey(String field, List<?> original, List<?> patch) {
        String key = switch (field == null ? "" : field) {
            case "containers", "initContainers", "env", "volumes", "imagePullSecrets" -> "name";
            case "volumeMounts" -> "mountPath";
            case "ports" -> {
                boolean container = false;
                for (List<?> list : List.of(original, patch)) {
                    for (Object item : list) {
                        container |= item instanceof Map<?, ?> port && port.containsKey("containerPort");
                    }
                }
                yield container ? "containerPort" : "port";
            }
            default -> null;
        };
        if (key == null) {
            return null;
        }
        for (List<?> list : List.of(original, patch)) {
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> map) || map.get(key) == null) {
                    throw new AssertionError("every item of " + field + " needs its merge key " + key + ": " + item);
                }
            }
        }
        return key;
    }

    @SuppressWarnings("unchecked")
    private static Object stripNulls(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> {
                if (v != null) {
                    copy.put(k, stripNulls(v));
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Kustomize::stripNulls).toList();
        }
        return value;
    }

    /** The images transformer: containers whose image is {@code name} or {@code name:tag} get the new name and tag. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withImage(Map<String, Object> object, Map<String, Object> image) {
        if (!(object.get("spec") instanceof Map<?, ?> spec) || !(spec.get("template") instanceof Map<?, ?> template)
                || !(template.get("spec") instanceof Map<?, ?> pod)) {
            return object;
        }
        List<Map<String, Object>> containers = new ArrayList<>();
        for (Object item : (List<Object>) pod.get("containers")) {
            Map<String, Object> container = new LinkedHashMap<>((Map<String, Object>) item);
            String current = String.valueOf(container.get("image"));
            String name = current.replaceFirst("[:@].*$", "");
            if (name.equals(image.get("name"))) {
                String tag = current.length() > name.length() ? current.substring(name.length()) : "";
                Object newName = image.getOrDefault("newName", name);
                Object newTag = image.get("newTag");
                container.put("image", newName + (newTag == null ? tag : ":" + newTag));
            }
            containers.add(container);
        }
        Map<String, Object> patch = Map.of("spec", Map.of("template", Map.of("spec", Map.of("containers", containers))));
        return (Map<String, Object>) merge(object, patch, null, null);
    }

    private static void only(Set<String> keys, Set<String> allowed, String what) {
        Set<String> unknown = new LinkedHashSet<>(keys);
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new AssertionError(what + ": unsupported " + unknown + " (supported: " + allowed + ")");
        }
    }

    private static String name(Map<String, Object> object) {
        return object.get("metadata") instanceof Map<?, ?> metadata ? (String) metadata.get("name") : null;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> kustomization, String field, Path directory) {
        Object value = kustomization.getOrDefault(field, List.of());
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new AssertionError(where(directory) + ": " + field + " is not a list of paths");
        }
        return (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Map<String, Object> kustomization, String field, Path directory) {
        Object value = kustomization.getOrDefault(field, List.of());
        if (!(value instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
            throw new AssertionError(where(directory) + ": " + field + " is not a list of mappings");
        }
        return (List<Map<String, Object>>) value;
    }

    private static String where(Path path) {
        return path == null ? "images" : ROOT.relativize(path).toString();
    }
}
