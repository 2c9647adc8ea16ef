package vn.dinhdanh.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dinhdanh.chip.Fixtures.CHALLENGE;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.chip.lds.ChipPresentation;
import vn.dinhdanh.chip.verdict.ChipFailure;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.Variant;
import vn.dinhdanh.virtualchip.VirtualChip;

/**
 * Seeded mutations of genuine presentations (bit flips, truncations, length-byte changes, byte
 * insertions and deletions, in the SOD, DG1, DG2, DG13, DG14, DG15 and the AA answer): none may throw, every
 * change to a data group or the AA answer is refused, and a change to the SOD is refused unless it touched
 * only its unsigned envelope and left the genuine signed hashes in force. Seed and counts are printed.
 */
class MutationRobustnessTest {

    private static final long SEED = 9303;
    private static final int MUTATIONS = 2400;

    @Test
    @DisplayName("2,400 mutated presentations: none throws, none lets changed data through")
    void mutations() {
        List<VirtualChip> chips = List.of(Fixtures.chip(Variant.GENUINE, ActiveAuthKey.RSA_SHA1),
                Fixtures.chip(Variant.GENUINE, ActiveAuthKey.EC_P256_PLAIN));
        ChipVerifier verifier = Fixtures.verifier();
        Random random = new Random(SEED);
        Map<ChipFailure, Integer> failures = new EnumMap<>(ChipFailure.class);
        int unchanged = 0;
        int envelope = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            VirtualChip chip = chips.get(i % chips.size());
            byte[] sod = chip.sod();
            Map<Integer, byte[]> groups = chip.dataGroups();
            // An EC chip's answer is new on every call: compare with the very answer that was mutated.
            byte[] genuineAnswer = chip.signChallenge(CHALLENGE);
            byte[] answer = genuineAnswer;
            int target = random.nextInt(8);
            if (target == 0 || target == 1) {
                sod = mutate(sod, random);
            } else if (target == 7) {
                answer = mutate(answer, random);
            } else {
                Integer[] numbers = groups.keySet().toArray(new Integer[0]);
                int number = numbers[random.nextInt(numbers.length)];
                groups.put(number, mutate(groups.get(number), random));
            }
            if (Arrays.equals(sod, chip.sod()) && Arrays.equals(answer, genuineAnswer)
                    && groups.keySet().stream().allMatch(n -> Arrays.equals(groups.get(n), chip.dataGroup(n)))) {
                unchanged++;
                continue;
            }
            Verdict verdict = verifier.verify(new ChipPresentation(sod, groups, answer), CHALLENGE,
                    Optional.of(Fixtures.samplePerson()));
            if (verdict.valid()) {
                // Only possible for a change to the SOD's unsigned envelope (e.g. the certificate set's or the
                // digest parameters' encoding): the signed hashes still cover exactly the genuine data groups.
                assertThat(target).as("mutation %d (seed %d): only the SOD may be changed harmlessly", i, SEED)
                        .isLessThan(2);
                assertThat(verdict.identity().orElseThrow().idNumber()).isEqualTo("001090012345");
                envelope++;
                continue;
            }
            failures.merge(verdict.failure().orElseThrow(), 1, Integer::sum);
        }
        int verified = failures.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("mutation robustness: seed %d, %d mutations, %d invalid, %d harmless SOD envelope changes "
                + "still valid, %d no-op mutations skipped; failures %s%n", SEED, MUTATIONS, verified, envelope, unchanged, failures);
        assertThat(verified).isGreaterThanOrEqualTo(2000);
    }

    private static byte[] mutate(byte[] input, Random random) {
        byte[] bytes = input.clone();
        switch (random.nextInt(6)) {
            case 0: { // one bit
                int at = random.nextInt(bytes.length);
                bytes[at] ^= (byte) (1 << random.nextInt(8));
                return bytes;
            }
            case 1: // truncation
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 2: { // a length byte: one of the first bytes of some TLV, set to an arbitrary value
                int at = Math.min(bytes.length - 1, 1 + random.nextInt(Math.min(bytes.length, 64)));
                bytes[at] = (byte) random.nextInt(256);
                return bytes;
            }
            case 3: { // a byte inserted
                int at = random.nextInt(bytes.length + 1);
                byte[] longer = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                return longer;
            }
            case 4: { // a byte deleted
                if (bytes.length < 2) {
                    return new byte[0];
                }
                int at = random.nextInt(bytes.length);
                byte[] shorter = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, shorter, 0, at);
                System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                return shorter;
            }
            default: { // a run of random bytes
                int at = random.nextInt(bytes.length);
                int length = Math.min(bytes.length - at, 1 + random.nextInt(16));
                byte[] noise = new byte[length];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, bytes, at, length);
                return bytes;
            }
        }
    }
}
