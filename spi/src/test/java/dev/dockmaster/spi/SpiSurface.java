package dev.dockmaster.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericDeclaration;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public surface of the SPI as sorted text lines: one line per public or protected type, constructor, method,
 * field, enum constant and record component, plus the module's exports and requires. A plugin compiled against the
 * SPI depends on exactly these lines, so a removed or changed line is a break and an added line a new contract.
 */
final class SpiSurface {

    private static final String ROOT_PACKAGE = "dev.dockmaster.spi";
    private static final int MEMBER_MODIFIERS = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC
            | Modifier.FINAL | Modifier.ABSTRACT;

    private SpiSurface() {
    }

    /** The compiled main classes of the SPI: a directory under Maven, a jar elsewhere. */
    static Path classesLocation() {
        try {
            return Path.of(Fault.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every public type (nested ones whose enclosing types are public too) in the SPI's packages, by name. */
    static List<Class<?>> publicTypes() {
        Path root = classesLocation();
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("expected the SPI's compiled classes directory, found " + root);
        }
        try (Stream<Path> files = Files.walk(root.resolve(ROOT_PACKAGE.replace('.', '/')))) {
            List<String> names = files.map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".class") && !p.endsWith("module-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .toList();
            List<Class<?>> types = new ArrayList<>();
            for (String name : names) {
                Class<?> type = Class.forName(name, false, SpiSurface.class.getClassLoader());
                if (isVisible(type)) {
                    types.add(type);
                }
            }
            return types;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isVisible(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers()) && !Modifier.isProtected(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /** The whole surface: module lines, then every public type's lines, sorted. */
    static List<String> render() {
        TreeSet<String> lines = new TreeSet<>(moduleLines(classesLocation().resolve("module-info.class")));
        publicTypes().forEach(t -> lines.addAll(render(t)));
        return List.copyOf(lines);
    }

    /** Read from module-info.class directly, so the lines are the same whether tests run on the class or module path. */
    static List<String> moduleLines(Path moduleInfo) {
        if (!Files.exists(moduleInfo)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(moduleInfo)) {
            ModuleDescriptor module = ModuleDescriptor.read(in);
            List<String> lines = new ArrayList<>();
            module.exports().forEach(e -> lines.add("module " + module.name() + " exports " + e.source()
                    + (e.isQualified() ? " to " + new TreeSet<>(e.targets()) : "")));
            module.requires().stream()
                    .filter(r -> !r.name().equals("java.base"))
                    .forEach(r -> lines.add("module " + module.name() + " requires "
                            + r.modifiers().stream().map(m -> m.name().toLowerCase() + " ").sorted()
                                    .collect(Collectors.joining())
                            + r.name()));
            module.uses().forEach(u -> lines.add("module " + module.name() + " uses " + u));
            module.provides().forEach(p -> lines.add("module " + module.name() + " provides " + p.service()
                    + " with " + p.providers()));
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of one type, unsorted. */
    static List<String> render(Class<?> type) {
        String prefix = type.getName() + " | ";
        List<String> lines = new ArrayList<>();
        lines.add(prefix + "type " + describeType(type));
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                lines.add(prefix + "record-component " + c.getGenericType().getTypeName() + " " + c.getName());
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (f.isEnumConstant()) {
                lines.add(prefix + "enum-constant " + f.getName());
            } else if (isApi(f)) {
                lines.add(prefix + "field " + modifiers(f.getModifiers()) + f.getGenericType().getTypeName() + " "
                        + f.getName());
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (isApi(c)) {
                lines.add(prefix + "constructor " + modifiers(c.getModifiers()) + typeParameters(c) + "<init>"
                        + parameters(c) + exceptions(c));
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (isApi(m) && !m.isBridge()) {
                lines.add(prefix + "method " + modifiers(m.getModifiers()) + (m.isDefault() ? "default " : "")
                        + typeParameters(m) + m.getGenericReturnType().getTypeName() + " " + m.getName()
                        + parameters(m) + exceptions(m));
            }
        }
        return lines;
    }

    private static boolean isApi(Member member) {
        int mods = member.getModifiers();
        return !member.isSynthetic() && (Modifier.isPublic(mods) || Modifier.isProtected(mods));
    }

    private static String describeType(Class<?> type) {
        int mods = type.getModifiers() & MEMBER_MODIFIERS;
        String kind;
        if (type.isAnnotation()) {
            kind = "@interface";
            mods &= ~(Modifier.ABSTRACT | Modifier.STATIC);
        } else if (type.isInterface()) {
            kind = "interface";
            mods &= ~(Modifier.ABSTRACT | Modifier.STATIC); // implied for every (nested) interface
        } else if (type.isEnum()) {
            kind = "enum";
        } else if (type.isRecord()) {
            kind = "record";
        } else {
            kind = "class";
        }
        StringBuilder s = new StringBuilder();
        Arrays.stream(type.getAnnotations()).map(a -> "@" + a.annotationType().getName() + " ").sorted()
                .forEach(s::append);
        s.append(modifiers(mods)).append(type.isSealed() ? "sealed " : "").append(kind).append(' ')
                .append(type.getName()).append(typeParameters(type).stripTrailing());
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && superclass != Record.class && !type.isEnum()) {
            s.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            s.append(type.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        if (type.isSealed()) {
            s.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses()).map(Class::getName)
                    .collect(Collectors.joining(", ")));
        }
        return s.toString();
    }

    private static String modifiers(int mods) {
        String s = Modifier.toString(mods & MEMBER_MODIFIERS);
        return s.isEmpty() ? "" : s + " ";
    }

    private static String typeParameters(GenericDeclaration declaration) {
        TypeVariable<?>[] variables = declaration.getTypeParameters();
        if (variables.length == 0) {
            return "";
        }
        return Arrays.stream(variables).map(SpiSurface::typeVariable).collect(Collectors.joining(", ", "<", "> "));
    }

    private static String typeVariable(TypeVariable<?> variable) {
        List<String> bounds = Arrays.stream(variable.getBounds()).filter(b -> b != Object.class)
                .map(Type::getTypeName).toList();
        return bounds.isEmpty() ? variable.getName() : variable.getName() + " extends " + String.join(" & ", bounds);
    }

    private static String parameters(Executable executable) {
        Type[] types = executable.getGenericParameterTypes();
        // Inner-class and enum constructors may report synthetic leading parameters only in the erased view.
        if (types.length != executable.getParameterCount()) {
            types = executable.getParameterTypes();
        }
        String joined = Arrays.stream(types).map(Type::getTypeName).collect(Collectors.joining(", "));
        if (executable.isVarArgs() && joined.endsWith("[]")) {
            joined = joined.substring(0, joined.length() - 2) + "...";
        }
        return "(" + joined + ")";
    }

    private static String exceptions(Executable executable) {
        Type[] thrown = executable.getGenericExceptionTypes();
        return thrown.length == 0 ? ""
                : " throws " + Arrays.stream(thrown).map(Type::getTypeName).sorted().collect(Collectors.joining(", "));
    }
}
