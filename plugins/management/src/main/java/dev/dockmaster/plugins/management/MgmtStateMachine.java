package dev.dockmaster.plugins.management;

import dev.dockmaster.plugins.management.raft.ApplyResult;
import dev.dockmaster.plugins.management.raft.DbSnapshot;
import dev.dockmaster.plugins.management.raft.LogEntry;
import org.apache.ratis.proto.RaftProtos;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raft state machine over {@link SystemDb}: applies committed entries (our {@link LogEntry} messages) and keeps
 * snapshots (a serialised {@link DbSnapshot}) in Ratis's {@link SimpleStateMachineStorage}, so a restart restores the
 * last snapshot and replays only the log after it.
 */
final class MgmtStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(MgmtStateMachine.class);

    private final SystemDb db;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final AtomicLong appliedEntries = new AtomicLong();

    MgmtStateMachine(SystemDb db) {
        this.db = db;
    }

    SystemDb db() {
        return db;
    }

    /** Entries applied since this state machine was created (tests and benchmarks count raft entries with it). */
    long appliedEntries() {
        return appliedEntries.get();
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        loadSnapshot(storage.getLatestSnapshot());
    }

    @Override
    public void reinitialize() throws IOException {
        loadSnapshot(storage.loadLatestSnapshot());
    }

    private void loadSnapshot(SingleFileSnapshotInfo snapshot) throws IOException {
        if (snapshot == null) {
            return;
        }
        File file = snapshot.getFile().getPath().toFile();
        if (!file.exists()) {
            return;
        }
        try (InputStream in = Files.newInputStream(file.toPath())) {
            db.restore(DbSnapshot.parseFrom(in));
        }
        setLastAppliedTermIndex(snapshot.getTermIndex());
        LOG.info("management service state restored from raft snapshot {} (data version {}, {} members)",
                file, db.version(), db.members().size());
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        DbSnapshot snapshot = db.snapshot();
        File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        File tmp = new File(file.getParentFile(), "tmp." + file.getName());
        try (OutputStream out = Files.newOutputStream(tmp.toPath())) {
            snapshot.writeTo(out);
        }
        Files.move(tmp.toPath(), file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        MD5FileUtil.computeAndSaveMd5ForFile(file);
        storage.loadLatestSnapshot();
        return last.getIndex();
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        RaftProtos.LogEntryProto entry = trx.getLogEntry();
        ApplyResult result;
        try {
            LogEntry decoded = LogEntry.parseFrom(entry.getStateMachineLogEntry().getLogData().toByteArray());
            result = db.apply(decoded);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            // Not ours to refuse any more: it is committed. Counted, so every replica stays at the same version.
            LOG.error("undecodable management service log entry at index {}: {}", entry.getIndex(), e.getMessage());
            result = db.apply(LogEntry.getDefaultInstance());
        }
        appliedEntries.incrementAndGet();
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(result.toByteArray())));
    }
}
