package vn.dinhdanh.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LookupBenchmarkTest {

    @Test
    void phasesNeverLookUpANameTwiceAndGiveEachStoreTheSameWork() {
        List<String> names = IntStream.range(0, 100_000).mapToObj(Integer::toString).toList();
        List<LookupBenchmark.Phase> phases = LookupBenchmark.phases(names, 4);
        Set<String> seen = new HashSet<>();
        for (LookupBenchmark.Phase phase : phases) {
            for (String name : phase.usernames()) {
                assertThat(seen.add(name)).as("looked up twice: " + name).isTrue();
            }
        }
        assertThat(phases).hasSize(9);
        for (int step = 0; step < 9; step += 3) {
            List<LookupBenchmark.Phase> turn = phases.subList(step, step + 3);
            assertThat(turn).extracting(LookupBenchmark.Phase::store).doesNotHaveDuplicates();
            assertThat(turn).extracting(p -> p.usernames().size()).containsOnly(turn.get(0).usernames().size());
            assertThat(turn).extracting(LookupBenchmark.Phase::threads).containsOnly(turn.get(0).threads());
            assertThat(turn).extracting(LookupBenchmark.Phase::measured).containsOnly(step > 0);
        }
        assertThat(phases.get(3).threads()).isEqualTo(1);
        assertThat(phases.get(6).threads()).isEqualTo(4);
        assertThat(phases.stream().filter(LookupBenchmark.Phase::measured).mapToInt(p -> p.usernames().size()).sum())
                .isEqualTo(3 * (33_333 - 3_333));
    }
}
