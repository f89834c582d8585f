package dev.dockmaster.dmg.pretty;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextTableTest {
    @Test
    void padsEveryCellToColumnWidthPlusOne() {
        String out = new TextTable("Hosts", "Error").row("host1", "failed").render();
        assertThat(out).isEqualTo("Hosts Error  \n----- -----  \nhost1 failed \n");
    }

    @Test
    void indentSkipsEmptyLinesAndBannerMatchesLength() {
        assertThat(TextTable.indent("a\n\nb\n", 2)).isEqualTo("  a\n\n  b\n");
        assertThat(TextTable.banner("host[1-2]")).isEqualTo("---------\nhost[1-2]\n---------\n");
    }

    @Test
    void rowWidthMustMatch() {
        assertThatThrownBy(() -> new TextTable("a", "b").row("x")).isInstanceOf(IllegalArgumentException.class);
    }
}
