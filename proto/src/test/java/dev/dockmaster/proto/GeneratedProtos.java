package dev.dockmaster.proto;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import dev.dockmaster.proto.drpc.DrpcProto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Finds our generated classes: by DAOS full name, and every file descriptor of the wire packages. */
final class GeneratedProtos {

    /** Proto packages that must speak DAOS's wire; dockmaster.v1 is our own and has no reference. */
    static final List<String> WIRE_PACKAGES = List.of("ctl", "shared", "srv", "mgmt", "drpc");

    private static final String JAVA_ROOT = "dev.dockmaster.proto";

    private GeneratedProtos() {
    }

    /** Our generated class for a proto full name such as {@code ctl.ScmNamespace.Mount}. */
    static Message defaultInstance(String fullName) {
        int dot = fullName.indexOf('.');
        String className = JAVA_ROOT + "." + fullName.substring(0, dot) + "." + fullName.substring(dot + 1)
                .replace('.', '$');
        try {
            Class<?> type = Class.forName(className);
            return (Message) type.getMethod("getDefaultInstance").invoke(null);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the reference lists " + fullName + " but there is no generated class "
                    + className + ": declare the message in proto/src/main/proto or remove its reference row", e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot get the default instance of " + className, e);
        }
    }

    /** Our generated Java enum for a proto full name such as {@code ctl.ResponseStatus}. */
    static Class<?> enumClass(String fullName) {
        int dot = fullName.indexOf('.');
        String className = JAVA_ROOT + "." + fullName.substring(0, dot) + "." + fullName.substring(dot + 1)
                .replace('.', '$');
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the reference lists enum " + fullName + " but there is no generated class "
                    + className, e);
        }
    }

    /**
     * The file descriptors of every generated outer class ({@code *Proto}) in the wire packages, found by walking the
     * compiled classes rather than by a list, so that a newly added .proto file cannot be forgotten.
     */
    static List<FileDescriptor> wireFiles() {
        List<FileDescriptor> files = new ArrayList<>();
        for (String className : outerClassNames()) {
            try {
                Class<?> type = Class.forName(className);
                Method getDescriptor = type.getMethod("getDescriptor");
                if (Modifier.isStatic(getDescriptor.getModifiers())
                        && getDescriptor.getReturnType() == FileDescriptor.class) {
                    FileDescriptor file = (FileDescriptor) getDescriptor.invoke(null);
                    if (WIRE_PACKAGES.contains(file.getPackage())) {
                        files.add(file);
                    }
                }
            } catch (NoSuchMethodException e) {
                // a message or enum class whose name happens to end in "Proto"; not an outer class
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot load generated class " + className, e);
            }
        }
        files.sort(Comparator.comparing(FileDescriptor::getName));
        return files;
    }

    /** Every message type, nested ones included, by full name. */
    static TreeSet<String> messageNames(List<FileDescriptor> files) {
        TreeSet<String> names = new TreeSet<>();
        files.forEach(f -> f.getMessageTypes().forEach(m -> addMessage(m, names)));
        return names;
    }

    private static void addMessage(Descriptor message, TreeSet<String> names) {
        if (message.getOptions().getMapEntry()) {
            return; // a map field's synthetic entry type: covered by the map field's own reference row
        }
        names.add(message.getFullName());
        message.getNestedTypes().forEach(n -> addMessage(n, names));
    }

    /** Every enum type, nested ones included, by full name. */
    static TreeSet<String> enumNames(List<FileDescriptor> files) {
        TreeSet<String> names = new TreeSet<>();
        List<Descriptor> messages = new ArrayList<>();
        files.forEach(f -> {
            f.getEnumTypes().forEach(e -> names.add(e.getFullName()));
            messages.addAll(f.getMessageTypes());
        });
        while (!messages.isEmpty()) {
            Descriptor m = messages.remove(messages.size() - 1);
            m.getEnumTypes().stream().map(EnumDescriptor::getFullName).forEach(names::add);
            messages.addAll(m.getNestedTypes());
        }
        return names;
    }

    private static List<String> outerClassNames() {
        Path location;
        try {
            location = Path.of(DrpcProto.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try {
            if (Files.isDirectory(location)) {
                return outerClassNames(location);
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return outerClassNames(jar.getPath("/"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the generated classes in " + location, e);
        }
    }

    private static List<String> outerClassNames(Path root) throws IOException {
        Path base = root.resolve(JAVA_ROOT.replace('.', '/'));
        try (Stream<Path> paths = Files.walk(base)) {
            return paths.map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith("Proto.class") && !p.contains("$"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .toList();
        }
    }
}
