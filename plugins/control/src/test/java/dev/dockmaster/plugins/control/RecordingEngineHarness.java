package dev.dockmaster.plugins.control;

import dev.dockmaster.spi.engine.EngineFormatResult;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.engine.EngineView;
import dev.dockmaster.spi.engine.LogMasks;
import dev.dockmaster.spi.engine.RankResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * An engine harness that records every rank operation (name, ranks, force, timeout) and answers with results made by
 * a function of the ranks, or throws a given exception.
 */
final class RecordingEngineHarness implements EngineHarness {

    record Call(String operation, Set<Integer> ranks, boolean force, Duration timeout) {
    }

    final List<Call> calls = new ArrayList<>();
    final List<LogMasks> logMasks = new ArrayList<>();
    private final Function<Call, List<RankResult>> answers;
    private final RuntimeException failure;
    private final List<String> logMaskErrors;

    RecordingEngineHarness(Function<Call, List<RankResult>> answers, RuntimeException failure,
                           List<String> logMaskErrors) {
        this.answers = answers;
        this.failure = failure;
        this.logMaskErrors = logMaskErrors;
    }

    /** Answers each rank with a successful result of the operation in {@code state}. */
    static RecordingEngineHarness succeeding(String state) {
        return new RecordingEngineHarness(call -> call.ranks().stream()
                .map(r -> new RankResult(r, call.operation(), false, "", state)).toList(), null, List.of());
    }

    static RecordingEngineHarness failing(RuntimeException failure) {
        return new RecordingEngineHarness(call -> List.of(), failure, List.of());
    }

    private List<RankResult> record(Call call) {
        calls.add(call);
        if (failure != null) {
            throw failure;
        }
        return answers.apply(call);
    }

    @Override
    public List<EngineView> engines() {
        return List.of();
    }

    @Override
    public List<EngineFormatResult> format(boolean reformat) {
        return List.of();
    }

    @Override
    public List<RankResult> prepShutdown(Set<Integer> ranks, Duration timeout) {
        return record(new Call("prep shutdown", ranks, false, timeout));
    }

    @Override
    public List<RankResult> stop(Set<Integer> ranks, boolean force, Duration timeout) {
        return record(new Call("stop", ranks, force, timeout));
    }

    @Override
    public List<RankResult> start(Set<Integer> ranks, Duration timeout) {
        return record(new Call("start", ranks, false, timeout));
    }

    @Override
    public List<RankResult> resetFormat(Set<Integer> ranks, Duration timeout) {
        return record(new Call("reset format", ranks, false, timeout));
    }

    @Override
    public List<String> setLogMasks(LogMasks masks) {
        logMasks.add(masks);
        if (failure != null) {
            throw failure;
        }
        return logMaskErrors;
    }
}
