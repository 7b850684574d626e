package io.purplesector.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The repository's modules as their POMs declare them: which are deployable services (those with an
 * {@code application.yml}, which the build repackages as Boot applications) and what each depends on.
 */
final class ModulePoms {

    /** One dependency of a module on another of the repository's. */
    record Dependency(String from, String to, String scope, String type) {

        @Override
        public String toString() {
            return from + " -> " + to + " (scope " + scope + ", type " + type + ")";
        }
    }

    private final Set<String> deployable;
    private final List<Dependency> dependencies;

    private ModulePoms(Set<String> deployable, List<Dependency> dependencies) {
        this.deployable = deployable;
        this.dependencies = dependencies;
    }

    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("mvnw")) ? here : here.getParent();
    }

    static ModulePoms read(Path root) {
        Map<String, Path> modules = new LinkedHashMap<>();
        for (Element module : elements(parse(root.resolve("pom.xml")).getDocumentElement(), "modules", "module")) {
            modules.put(module.getTextContent().strip(), root.resolve(module.getTextContent().strip()));
        }
        Set<String> deployable = modules.entrySet().stream()
                .filter(module -> Files.exists(module.getValue().resolve("src/main/resources/application.yml")))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        List<Dependency> dependencies = new ArrayList<>();
        modules.forEach((name, directory) -> {
            Element project = parse(directory.resolve("pom.xml")).getDocumentElement();
            for (Element dependency : elements(project, "dependencies", "dependency")) {
                if ("io.purplesector".equals(text(dependency, "groupId", ""))) {
                    dependencies.add(new Dependency(name, text(dependency, "artifactId", ""),
                            text(dependency, "scope", "compile"), text(dependency, "type", "jar")));
                }
            }
        });
        return new ModulePoms(deployable, dependencies);
    }

    /** Dependencies of a deployable service on another's classes, in any scope. */
    List<Dependency> serviceDependencies() {
        return dependencies.stream()
                .filter(d -> deployable.contains(d.from()) && deployable.contains(d.to()) && !d.type().equals("pom"))
                .toList();
    }

    Set<String> deployable() {
        return deployable;
    }

    private static Document parse(Path pom) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("Cannot read " + pom, e);
        }
    }

    /** The {@code child} elements of the project's own {@code parent} element (not a profile's or plugin's). */
    private static List<Element> elements(Element project, String parent, String child) {
        List<Element> found = new ArrayList<>();
        for (Node node = project.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(parent)) {
                NodeList children = element.getElementsByTagName(child);
                for (int i = 0; i < children.getLength(); i++) {
                    found.add((Element) children.item(i));
                }
            }
        }
        return found;
    }

    private static String text(Element element, String tag, String otherwise) {
        NodeList nodes = element.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? otherwise : nodes.item(0).getTextContent().strip();
    }
}
