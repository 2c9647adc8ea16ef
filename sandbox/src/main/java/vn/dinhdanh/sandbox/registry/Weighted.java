package vn.dinhdanh.sandbox.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Picks from a fixed list with fixed weights (cumulative table, binary search). */
final class Weighted<T> {

    private final List<T> values = new ArrayList<>();
    private final List<Double> cumulative = new ArrayList<>();
    private double total;

    Weighted<T> add(T value, double weight) {
        if (weight <= 0) {
            throw new IllegalArgumentException("weight must be positive");
        }
        total += weight;
        values.add(value);
        cumulative.add(total);
        return this;
    }

    T pick(SplittableRandom random) {
        double target = random.nextDouble() * total;
        int low = 0;
        int high = cumulative.size() - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative.get(mid) > target) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return values.get(low);
    }

    List<T> values() {
        return List.copyOf(values);
    }
}
