package vn.dinhdanh.tracker.chain;

import java.util.Optional;

/**
 * What a walk along the chain found: how many rows are intact, and the first problem, if any.
 *
 * @param rows     rows checked and found intact (from row 1 up to the first problem)
 * @param headSeq  the last row according to the head
 * @param headHash the last row's hash according to the head (what an operator records as an external anchor)
 * @param problem  the first problem, or null when the chain is intact
 */
public record Verification(long rows, long headSeq, String headHash, Problem problem) {

    /** Kinds of tampering, each with a stable code. */
    public enum Kind {
        /** A row's fields do not match its hash. */
        ROW_EDITED("row_edited"),
        /** A row the key never wrote: beyond the head, or its previous hash names no row. */
        ROW_INSERTED("row_inserted"),
        /** A sequence number is missing: a row was deleted from the middle. */
        ROW_DELETED("row_deleted"),
        /** The chain ends before the head's last row: the last rows were deleted. */
        TAIL_DELETED("tail_deleted"),
        /** The head was changed without the key, or names a row the chain does not end with. */
        HEAD_INVALID("head_invalid"),
        /** An external anchor (a row and hash recorded earlier) is not in the chain. */
        ANCHOR_MISSING("anchor_missing"),
        /** A row a receipt or checkpoint vouches for lies beyond the chain's end: rolled back, wiped, started again. */
        ROLLED_BACK("rolled_back"),
        /** A row a receipt or checkpoint vouches for has another hash: the chain was rewritten from there. */
        FORKED("forked"),
        /** The chain was written with another key: nothing can be checked. */
        WRONG_KEY("wrong_key");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The first bad row ({@code seq}) and what is wrong with it. */
    public record Problem(Kind kind, long seq, String description) {
    }

    public boolean intact() {
        return problem == null;
    }

    public Optional<Problem> firstProblem() {
        return Optional.ofNullable(problem);
    }

    /** One line for a terminal or a log: names the first bad row, never a row's contents. */
    public String summary() {
        if (intact()) {
            return "data tracker chain intact: " + rows + " rows, head row " + headSeq + " hash " + headHash;
        }
        return "data tracker chain BROKEN at row " + problem.seq() + " (" + problem.kind().code() + "): "
                + problem.description() + "; " + rows + " rows intact before it";
    }
}
