package dev.dockmaster.core.config;

import com.typesafe.config.Config;
import dev.dockmaster.spi.config.ConfigView;

import java.util.List;
import java.util.stream.Collectors;

/** TEMPORARY stand-in until the config branch lands. */
public final class TypesafeConfigView implements ConfigView {
    private final Config c;

    public TypesafeConfigView(Config c) {
        this.c = c;
    }

    public boolean hasPath(String p) { return c.hasPath(p); }
    public String getString(String p) { return c.getString(p); }
    public int getInt(String p) { return c.getInt(p); }
    public long getLong(String p) { return c.getLong(p); }
    public boolean getBoolean(String p) { return c.getBoolean(p); }
    public long getBytes(String p) { return c.getBytes(p); }
    public List<String> getStringList(String p) { return c.getStringList(p); }
    public ConfigView getView(String p) { return new TypesafeConfigView(c.getConfig(p)); }
    public List<ConfigView> getViewList(String p) {
        return c.getConfigList(p).stream().map(TypesafeConfigView::new).collect(Collectors.toList());
    }
    public String origin() { return c.origin().description(); }
}
