package dev.dockmaster.plugins.storage.nvme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a sysfs tree from a fixture file of "file PATH CONTENT" and "link PATH TARGET" lines. */
final class SysfsFixture {

    private SysfsFixture() {
    }

    static Path build(String resource, Path root) throws IOException {
        String text;
        try (InputStream in = SysfsFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no fixture " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" ", 3);
            Path path = root.resolve(parts[1]);
            Files.createDirectories(path.getParent());
            switch (parts[0]) {
                case "file" -> Files.writeString(path, parts[2] + "\n");
                case "link" -> Files.createSymbolicLink(path, Path.of(parts[2]));
                default -> throw new IOException("bad fixture line: " + line);
            }
        }
        return root;
    }
}
