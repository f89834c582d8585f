package dev.dockmaster.proto;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.WireFormat;
import dev.dockmaster.proto.ctl.ResponseState;
import dev.dockmaster.proto.ctl.ResponseStatus;
import dev.dockmaster.proto.ctl.RanksReq;
import dev.dockmaster.proto.drpc.Call;
import dev.dockmaster.proto.drpc.Response;
import dev.dockmaster.proto.drpc.Status;
import dev.dockmaster.proto.shared.RASEvent;
import dev.dockmaster.proto.srv.NotifyReadyReq;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reverse direction, spelled out for the messages the control plane cannot live without: messages built with our
 * Java API are read back by field number alone ({@link CodedInputStream}, {@link UnknownFieldSet}), the way a DAOS
 * peer that knows only the reference numbers reads them.
 */
class OurBytesDecodeByNumberTest {

    /** A tag as the wire has it: field number and wire type in one varint. */
    private static int tag(int fieldNumber, int wireType) {
        return fieldNumber << 3 | wireType;
    }

    @Test
    void drpcCallIsModuleMethodSequenceBody() throws IOException {
        byte[] bytes = Call.newBuilder().setModule(3).setMethod(301).setSequence(Long.MIN_VALUE + 7)
                .setBody(ByteString.copyFromUtf8("payload")).build().toByteArray();

        CodedInputStream in = CodedInputStream.newInstance(bytes);
        assertThat(in.readTag()).isEqualTo(tag(1, WireFormat.WIRETYPE_VARINT));
        assertThat(in.readInt32()).isEqualTo(3);
        assertThat(in.readTag()).isEqualTo(tag(2, WireFormat.WIRETYPE_VARINT));
        assertThat(in.readInt32()).isEqualTo(301);
        assertThat(in.readTag()).isEqualTo(tag(3, WireFormat.WIRETYPE_VARINT));
        assertThat(in.readInt64()).isEqualTo(Long.MIN_VALUE + 7);
        assertThat(in.readTag()).isEqualTo(tag(4, WireFormat.WIRETYPE_LENGTH_DELIMITED));
        assertThat(in.readBytes().toStringUtf8()).isEqualTo("payload");
        assertThat(in.isAtEnd()).isTrue();
    }

    @Test
    void drpcResponseStatusIsAVarintAtTwo() throws IOException {
        byte[] bytes = Response.newBuilder().setSequence(9).setStatus(Status.FAILED_UNMARSHAL_PAYLOAD)
                .setBody(ByteString.copyFrom(new byte[] {1, 2})).build().toByteArray();

        UnknownFieldSet fields = UnknownFieldSet.parseFrom(bytes);
        assertThat(fields.getField(1).getVarintList()).containsExactly(9L);
        assertThat(fields.getField(2).getVarintList()).containsExactly(6L);
        assertThat(fields.getField(3).getLengthDelimitedList()).containsExactly(ByteString.copyFrom(new byte[] {1, 2}));
        assertThat(fields.asMap()).containsOnlyKeys(1, 2, 3);
    }

    @Test
    void negativeResponseStatusIsATenByteVarint() throws IOException {
        byte[] bytes = ResponseState.newBuilder().setStatus(ResponseStatus.CTL_ERR_SCM).setError("no pmem")
                .build().toByteArray();

        CodedInputStream in = CodedInputStream.newInstance(bytes);
        assertThat(in.readTag()).isEqualTo(tag(1, WireFormat.WIRETYPE_VARINT));
        int before = in.getTotalBytesRead();
        assertThat(in.readEnum()).isEqualTo(-3);
        assertThat(in.getTotalBytesRead() - before).as("int32 -3 sign-extended to 64 bits").isEqualTo(10);
        assertThat(in.readTag()).isEqualTo(tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED));
        assertThat(in.readString()).isEqualTo("no pmem");
        assertThat(in.isAtEnd()).isTrue();
    }

    @Test
    void ranksReqStartsAtFieldThree() throws IOException {
        byte[] bytes = RanksReq.newBuilder().setForce(true).setRanks("0-3,5").setCheckMode(true).build()
                .toByteArray();

        UnknownFieldSet fields = UnknownFieldSet.parseFrom(bytes);
        assertThat(fields.asMap()).containsOnlyKeys(3, 4, 5);
        assertThat(fields.getField(3).getVarintList()).containsExactly(1L);
        assertThat(fields.getField(4).getLengthDelimitedList()).containsExactly(ByteString.copyFromUtf8("0-3,5"));
        assertThat(fields.getField(5).getVarintList()).containsExactly(1L);
    }

    @Test
    void rasEventOneofMemberIsANestedMessageAtEighteen() throws IOException {
        byte[] bytes = RASEvent.newBuilder().setId(4).setRank(2).setIncarnation(0xFFFF_FFFF_FFFF_FFFEL)
                .setEngineStateInfo(RASEvent.EngineStateEventInfo.newBuilder().setInstance(1).setErrored(true)
                        .setError("exit status 1"))
                .build().toByteArray();

        UnknownFieldSet fields = UnknownFieldSet.parseFrom(bytes);
        assertThat(fields.asMap()).containsOnlyKeys(1, 7, 8, 18);
        assertThat(fields.getField(8).getVarintList()).as("uint64 above 2^63").containsExactly(-2L);
        UnknownFieldSet info = UnknownFieldSet.parseFrom(fields.getField(18).getLengthDelimitedList().get(0));
        assertThat(info.getField(1).getVarintList()).containsExactly(1L);
        assertThat(info.getField(2).getVarintList()).containsExactly(1L);
        assertThat(info.getField(3).getLengthDelimitedList()).containsExactly(ByteString.copyFromUtf8("exit status 1"));
    }

    @Test
    void notifyReadySecondaryContextsArePacked() throws IOException {
        byte[] bytes = NotifyReadyReq.newBuilder().setUri("ofi+tcp://10.0.0.1:31416").setNctxs(17)
                .addSecondaryUris("ucx+dc://a").addSecondaryUris("ucx+dc://b")
                .addSecondaryNctxs(4).addSecondaryNctxs(0x8000_0001).setCheckMode(true).build().toByteArray();

        UnknownFieldSet fields = UnknownFieldSet.parseFrom(bytes);
        assertThat(fields.asMap()).containsOnlyKeys(1, 2, 7, 8, 9);
        assertThat(fields.getField(7).getLengthDelimitedList())
                .containsExactly(ByteString.copyFromUtf8("ucx+dc://a"), ByteString.copyFromUtf8("ucx+dc://b"));
        // proto3 packs repeated scalars: one length-delimited run of varints, as Go writes it.
        assertThat(fields.getField(8).getLengthDelimitedList()).hasSize(1);
        CodedInputStream packed = fields.getField(8).getLengthDelimitedList().get(0).newCodedInput();
        List<Long> values = new ArrayList<>();
        while (!packed.isAtEnd()) {
            values.add(packed.readUInt64());
        }
        assertThat(values).containsExactly(4L, 0x8000_0001L);
    }
}
