package dev.dockmaster.proto;

import com.google.protobuf.UnknownFieldSet;
import dev.dockmaster.proto.ReferenceSample.RepeatedEncoding;
import dev.dockmaster.proto.WireReference.FieldRef;
import dev.dockmaster.proto.WireReference.MessageRef;
import dev.dockmaster.proto.mgmt.SystemGetPropResp;
import dev.dockmaster.proto.mgmt.SystemSetAttrReq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code map<K, V>} rows of the wire reference: how they are read, and that their samples are what a peer sends. */
class WireReferenceMapTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"attributes, AttributesEntry", "secondary_uris, SecondaryUrisEntry", "a_b_c, ABCEntry",
            "x, XEntry"})
    void entryTypeIsNamedAsProtobufNamesIt(String field, String entry) {
        assertThat(WireReference.mapEntryName(field)).isEqualTo(entry);
    }

    @Test
    void mapRowBecomesARepeatedEntryWithKeyOneAndValueTwo() {
        WireReference reference = WireReference.parse(List.of(
                "message p.Holder | 1 `sys` string · 2 `things` map<uint32, Thing>",
                "message p.Thing | 1 `n` int32"));

        MessageRef holder = reference.message("p.Holder");
        FieldRef things = holder.fields().get(1);
        assertThat(things.isMap()).isTrue();
        assertThat(things.repeated()).isTrue();
        assertThat(reference.resolve(holder, things)).isEqualTo("p.Holder.ThingsEntry");
        MessageRef entry = reference.message("p.Holder.ThingsEntry");
        assertThat(entry.fields()).extracting(FieldRef::number, FieldRef::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "key"),
                        org.assertj.core.groups.Tuple.tuple(2, "value"));
        assertThat(reference.resolve(entry, entry.fields().get(0))).isEqualTo("uint32");
        assertThat(reference.resolve(entry, entry.fields().get(1))).isEqualTo("p.Thing");
        // The entry is not a row: it gets no wire case of its own.
        assertThat(reference.messages()).extracting(MessageRef::fullName).containsExactly("p.Holder", "p.Thing");
    }

    /** Rows are separated by " / " inside one case. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "float key; message p.M | 1 `m` map<float, string>; has key type float",
            "unknown value type; message p.M | 1 `m` map<string, Nope>; type 'Nope'",
            "entry also listed; message p.M | 1 `m` map<string, string> / message p.M.MEntry | 1 `key` string;"
                    + " also listed as a row"})
    void badMapRowsAreRefusedWithTheReason(String label, String rows, String expected) {
        List<String> lines = List.of(rows.split(" / "));

        assertThatThrownBy(() -> WireReference.parse(lines)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void mapSampleGoesOnTheWireAsRepeatedEntriesAndParsesIntoOurMap() throws Exception {
        WireReference reference = WireReference.load();
        ReferenceSample sample = new ReferenceSample.Factory(reference)
                .full(reference.message("mgmt.SystemSetAttrReq"), List.of());

        byte[] bytes = sample.encode(RepeatedEncoding.PACKED);

        // Schema-free view: field 2 holds two length-delimited entries, each with a string at 1 and 2.
        UnknownFieldSet wire = UnknownFieldSet.parseFrom(bytes);
        List<com.google.protobuf.ByteString> entries = wire.getField(2).getLengthDelimitedList();
        assertThat(entries).hasSize(2);
        for (com.google.protobuf.ByteString entry : entries) {
            UnknownFieldSet e = UnknownFieldSet.parseFrom(entry);
            assertThat(e.asMap().keySet()).containsExactly(1, 2);
        }
        Map<String, String> parsed = SystemSetAttrReq.parseFrom(bytes).getAttributesMap();
        assertThat(parsed).hasSize(2);
        UnknownFieldSet first = UnknownFieldSet.parseFrom(entries.get(0));
        assertThat(parsed).containsEntry(first.getField(1).getLengthDelimitedList().get(0).toStringUtf8(),
                first.getField(2).getLengthDelimitedList().get(0).toStringUtf8());
    }

    @Test
    void ourMapSerializesAsTheEntriesAPeerReads() throws Exception {
        byte[] ours = SystemGetPropResp.newBuilder().putProperties("pool_scrub_mode", "timed").build().toByteArray();

        UnknownFieldSet entry = UnknownFieldSet.parseFrom(
                UnknownFieldSet.parseFrom(ours).getField(1).getLengthDelimitedList().get(0));
        assertThat(entry.getField(1).getLengthDelimitedList().get(0).toStringUtf8()).isEqualTo("pool_scrub_mode");
        assertThat(entry.getField(2).getLengthDelimitedList().get(0).toStringUtf8()).isEqualTo("timed");
    }
}
