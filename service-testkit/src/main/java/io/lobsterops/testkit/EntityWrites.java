package io.lobsterops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Entities own their state changes (ADR 0073): no class outside a {@code domain} package assigns a field of an
 * {@code @Entity}. Read from the compiled main classes (every {@code putfield} on an entity's field, lambdas included),
 * so it parses no source and sees what a grep would miss ({@code +=}, {@code ++}, a write inside an expression).
 */
public final class EntityWrites {

    private static final String ENTITY = "Ljakarta/persistence/Entity;";

    private EntityWrites() {
    }

    /**
     * Each write of an entity's field by a class outside a {@code domain} package, as
     * {@code Writer#method writes Entity.field}, sorted; empty when the rule holds.
     *
     * @param anyMainClass a class of the service's main code: its classes directory is read
     */
    public static List<String> outsideTheDomain(Class<?> anyMainClass) {
        List<ClassReader> classes = classesOf(anyMainClass);
        Set<String> entities = new HashSet<>();
        for (ClassReader reader : classes) {
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                    if (ENTITY.equals(descriptor)) {
                        entities.add(reader.getClassName());
                    }
                    return null;
                }
            }, ClassReader.SKIP_CODE);
        }
        Set<String> writes = new TreeSet<>();
        for (ClassReader reader : classes) {
            String writer = reader.getClassName();
            if (writer.contains("/domain/")) {
                continue;
            }
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                        String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                            if (opcode == Opcodes.PUTFIELD && entities.contains(owner) && !owner.equals(writer)) {
                                writes.add(simple(writer) + "#" + method + " writes " + simple(owner) + "." + field);
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
        return new ArrayList<>(writes);
    }

    private static String simple(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    private static List<ClassReader> classesOf(Class<?> anyMainClass) {
        Path root;
        try {
            root = Path.of(anyMainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("where " + anyMainClass + " was loaded from", e);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException(anyMainClass + " was not loaded from a classes directory: " + root);
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class")).map(EntityWrites::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClassReader read(Path file) {
        try {
            return new ClassReader(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
