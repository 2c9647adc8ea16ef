package vn.dinhdanh.tracker.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.tracker.chain.Verification.Kind;

class ChainVerifierTest {

    private static final ChainKey KEY = ChainKey.of("a test key of at least thirty-two bytes!");

    /** A chain of {@code n} rows as the server writes it, and its head. */
    static final class Chain {
        final List<ReleaseRow> rows = new ArrayList<>();
        ChainHead head = ChainHead.genesis(KEY);

        Chain(int n) {
            for (int i = 0; i < n; i++) {
                append(row(i));
            }
        }

        void append(ReleaseRow row) {
            ReleaseRow linked = KEY.link(row, head.seq(), head.hash());
            rows.add(linked);
            head = new ChainHead(linked.seq(), linked.hash(), KEY.headMac(linked.seq(), linked.hash()), KEY.keyCheck());
        }

        Verification verify() {
            return new ChainVerifier(KEY).verify(head, rows.iterator());
        }
    }

    static ReleaseRow row(int i) {
        return new ReleaseRow(0, 1_790_000_000_000L + i, "realm-id", i % 2 == 0 ? "public-portal" : "legacy-portal",
                "pseudonym" + (i % 3), i % 2 == 0 ? "token" : "saml_assertion", List.of("birthdate", "name", "sub"),
                "2", "urn:vn:eid:loa:2", "chip", null, null);
    }

    @Test
    @DisplayName("an intact chain verifies, with its length and head")
    void intact() {
        Chain chain = new Chain(5);
        Verification result = chain.verify();
        assertThat(result.intact()).isTrue();
        assertThat(result.rows()).isEqualTo(5);
        assertThat(result.headSeq()).isEqualTo(5);
        assertThat(result.summary()).contains("intact: 5 rows");
    }

    @Test
    @DisplayName("a chain started by the server (its genesis MACed) verifies empty; a used one emptied does not")
    void empty() {
        assertThat(new Chain(0).verify().intact()).isTrue();
        assertThat(new Chain(0).verify().summary()).contains("intact: 0 rows");
        Chain chain = new Chain(3);
        chain.rows.clear();
        Verification result = chain.verify();
        assertThat(result.firstProblem().orElseThrow().kind()).isEqualTo(Kind.TAIL_DELETED);
        assertThat(result.firstProblem().orElseThrow().seq()).isEqualTo(1);
    }

    @Nested
    @DisplayName("a wiped or reset chain is broken, never an intact empty one")
    class Wiped {

        @Test
        @DisplayName("every row deleted, the head reset to row 0, 64 zeros, no MAC, no key check (a DBA's wipe)")
        void wipedAsADbaWould() {
            Chain chain = new Chain(5);
            chain.rows.clear();
            chain.head = new ChainHead(0, ChainKey.GENESIS, null, null);
            Verification result = chain.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstProblem().orElseThrow().kind()).isEqualTo(Kind.HEAD_INVALID);
            assertThat(result.summary()).contains("BROKEN", "no MAC");
        }

        @Test
        @DisplayName("a head as Liquibase created it is not a chain either: the server MACs the genesis at start")
        void unwrittenHead() {
            ChainHead unwritten = new ChainHead(0, ChainKey.GENESIS, null, null);
            assertThat(unwritten.unwritten()).isTrue();
            assertThat(ChainHead.genesis(KEY).unwritten()).isFalse();
            assertThat(new ChainVerifier(KEY).verify(unwritten, List.<ReleaseRow>of().iterator()).intact()).isFalse();
        }

        @Test
        @DisplayName("a null key check no longer skips the key check")
        void nullKeyCheck() {
            Chain chain = new Chain(3);
            chain.head = new ChainHead(chain.head.seq(), chain.head.hash(), chain.head.mac(), null);
            assertThat(chain.verify().firstProblem().orElseThrow().kind()).isEqualTo(Kind.HEAD_INVALID);
        }

        @Test
        @DisplayName("a genesis MAC computed without the key is refused")
        void forgedGenesis() {
            ChainKey attacker = ChainKey.of("the attacker's own key, 32 bytes or more");
            ChainHead forged = new ChainHead(0, ChainKey.GENESIS, attacker.headMac(0, ChainKey.GENESIS), KEY.keyCheck());
            assertThat(new ChainVerifier(KEY).verify(forged, List.<ReleaseRow>of().iterator()).firstProblem().orElseThrow().kind())
                    .isEqualTo(Kind.HEAD_INVALID);
        }
    }

    @Nested
    @DisplayName("witnesses held outside (receipts, checkpoints) contradict a rolled-back, wiped or forked chain")
    class Witnesses {

        @Test
        @DisplayName("rolled back to an earlier copy (head included): the receipt's row is beyond the end")
        void rolledBack() {
            Chain chain = new Chain(3);
            ChainHead copied = chain.head;
            chain.append(row(3));
            chain.append(row(4));
            Witness receipt = Witness.receipt(4, chain.rows.get(3).hash(), "the receipt's release");
            chain.rows.subList(3, 5).clear();
            chain.head = copied;
            assertThat(chain.verify().intact()).as("valid on its own").isTrue();
            Verification result = new ChainVerifier(KEY).verify(chain.head, chain.rows.iterator(), List.of(receipt));
            assertThat(result.firstProblem().orElseThrow().kind()).isEqualTo(Kind.ROLLED_BACK);
            assertThat(result.firstProblem().orElseThrow().seq()).isEqualTo(4);
            assertThat(result.summary()).contains("rolled_back", "the receipt's release");
        }

        @Test
        @DisplayName("wiped and started again (a valid genesis): every receipt is beyond the end")
        void startedAgain() {
            Chain chain = new Chain(2);
            Witness receipt = Witness.receipt(2, chain.rows.get(1).hash(), "the receipt's release");
            Chain again = new Chain(0);
            Verification result = new ChainVerifier(KEY).verify(again.head, again.rows.iterator(), List.of(receipt));
            assertThat(result.firstProblem().orElseThrow().kind()).isEqualTo(Kind.ROLLED_BACK);
        }

        @Test
        @DisplayName("rolled back and extended again (by someone with the key, or the server): the receipt's row is forked")
        void forked() {
            Chain chain = new Chain(3);
            ChainHead copied = chain.head;
            chain.append(row(3));
            Witness receipt = Witness.receipt(4, chain.rows.get(3).hash(), "the receipt's release");
            chain.rows.remove(3);
            chain.head = copied;
            chain.append(row(8));
            chain.append(row(9));
            assertThat(chain.verify().intact()).as("valid on its own").isTrue();
            Verification result = new ChainVerifier(KEY).verify(chain.head, chain.rows.iterator(), List.of(receipt));
            assertThat(result.firstProblem().orElseThrow().kind()).isEqualTo(Kind.FORKED);
            assertThat(result.firstProblem().orElseThrow().seq()).isEqualTo(4);
            assertThat(result.rows()).isEqualTo(3);
        }

        @Test
        @DisplayName("witnesses the chain holds pass, in any order")
        void held() {
            Chain chain = new Chain(5);
            List<Witness> witnesses = List.of(Witness.receipt(5, chain.rows.get(4).hash(), "a"),
                    Witness.receipt(2, chain.rows.get(1).hash(), "b"), Witness.anchor(2, chain.rows.get(1).hash()));
            assertThat(new ChainVerifier(KEY).verify(chain.head, chain.rows.iterator(), witnesses).intact()).isTrue();
        }
    }

    @Nested
    @DisplayName("an edited row is named")
    class Edited {

        @Test
        @DisplayName("any field changed")
        void eachField() {
            String[] fields = {"time", "realm", "client", "subject", "channel", "items", "loa", "acr", "method"};
            for (String field : fields) {
                Chain chain = new Chain(5);
                ReleaseRow r = chain.rows.get(2);
                ReleaseRow edited = switch (field) {
                    case "time" -> new ReleaseRow(r.seq(), r.time() + 1, r.realmId(), r.clientId(), r.subject(), r.channel(), r.items(), r.loa(), r.acr(), r.method(), r.prevHash(), r.hash());
                    case "realm" -> new ReleaseRow(r.seq(), r.time(), "other", r.clientId(), r.subject(), r.channel(), r.items(), r.loa(), r.acr(), r.method(), r.prevHash(), r.hash());
                    case "client" -> new ReleaseRow(r.seq(), r.time(), r.realmId(), "bank", r.subject(), r.channel(), r.items(), r.loa(), r.acr(), r.method(), r.prevHash(), r.hash());
                    case "subject" -> new ReleaseRow(r.seq(), r.time(), r.realmId(), r.clientId(), "someone", r.channel(), r.items(), r.loa(), r.acr(), r.method(), r.prevHash(), r.hash());
                    case "channel" -> new ReleaseRow(r.seq(), r.time(), r.realmId(), r.clientId(), r.subject(), "userinfo", r.items(), r.loa(), r.acr(), r.method(), r.prevHash(), r.hash());
                    case "items" -> new ReleaseRow(r.seq(), r.time(), r.realmId(), r.clientId(), r.subject(), r.channel(), List.of("sub"), r.loa(), r.acr(), r.method(), r.prevHash(), r.hash());
                    case "loa" -> new ReleaseRow(r.seq(), r.time(), r.realmId(), r.clientId(), r.subject(), r.channel(), r.items(), "1", r.acr(), r.method(), r.prevHash(), r.hash());
                    case "acr" -> new ReleaseRow(r.seq(), r.time(), r.realmId(), r.clientId(), r.subject(), r.channel(), r.items(), r.loa(), null, r.method(), r.prevHash(), r.hash());
                    default -> new ReleaseRow(r.seq(), r.time(), r.realmId(), r.clientId(), r.subject(), r.channel(), r.items(), r.loa(), r.acr(), "password", r.prevHash(), r.hash());
                };
                chain.rows.set(2, edited);
                Verification result = chain.verify();
                assertThat(result.firstProblem()).as(field).hasValueSatisfying(p -> {
                    assertThat(p.kind()).isEqualTo(Kind.ROW_EDITED);
                    assertThat(p.seq()).isEqualTo(3);
                });
                assertThat(result.rows()).isEqualTo(2);
                assertThat(result.summary()).contains("BROKEN at row 3", "row_edited");
            }
        }

        @Test
        @DisplayName("a row rehashed without the key (SHA-256 or another key) is still edited")
        void rehashedWithoutTheKey() {
            Chain chain = new Chain(4);
            ChainKey attacker = ChainKey.of("the attacker's own key, 32 bytes or more");
            ReleaseRow r = chain.rows.get(1);
            ReleaseRow forged = new ReleaseRow(r.seq(), r.time(), r.realmId(), "bank", r.subject(), r.channel(), r.items(),
                    r.loa(), r.acr(), r.method(), r.prevHash(), null);
            chain.rows.set(1, attacker.link(forged, 1, r.prevHash()));
            assertThat(chain.verify().firstProblem().orElseThrow().seq()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("a row deleted from the middle: the gap is named")
    void deletedMiddle() {
        Chain chain = new Chain(6);
        chain.rows.remove(3); // row 4
        Verification.Problem problem = chain.verify().firstProblem().orElseThrow();
        assertThat(problem.kind()).isEqualTo(Kind.ROW_DELETED);
        assertThat(problem.seq()).isEqualTo(4);
        assertThat(problem.description()).contains("row 4 is missing");
    }

    @Test
    @DisplayName("a row deleted and the rest renumbered: the re-linked row is named")
    void deletedAndRenumbered() {
        Chain chain = new Chain(5);
        chain.rows.remove(1);
        List<ReleaseRow> renumbered = new ArrayList<>();
        for (ReleaseRow r : chain.rows) {
            renumbered.add(r.linked(renumbered.size() + 1, r.prevHash(), r.hash()));
        }
        chain.rows.clear();
        chain.rows.addAll(renumbered);
        Verification.Problem problem = chain.verify().firstProblem().orElseThrow();
        assertThat(problem.seq()).isEqualTo(2);
        assertThat(problem.kind()).isEqualTo(Kind.ROW_INSERTED);
    }

    @Test
    @DisplayName("the last rows deleted (the rest still a valid chain): the head names them")
    void tailDeleted() {
        Chain chain = new Chain(6);
        chain.rows.remove(5);
        chain.rows.remove(4);
        Verification result = chain.verify();
        assertThat(result.firstProblem()).hasValueSatisfying(p -> {
            assertThat(p.kind()).isEqualTo(Kind.TAIL_DELETED);
            assertThat(p.seq()).isEqualTo(5);
            assertThat(p.description()).contains("rows 5 to 6");
        });
        assertThat(result.rows()).isEqualTo(4);
    }

    @Test
    @DisplayName("the last row deleted and the head moved back without the key: the head is refused")
    void headMovedBackWithoutKey() {
        Chain chain = new Chain(4);
        chain.rows.remove(3);
        ReleaseRow last = chain.rows.get(2);
        chain.head = new ChainHead(3, last.hash(), chain.head.mac(), chain.head.keyCheck());
        assertThat(chain.verify().firstProblem().orElseThrow().kind()).isEqualTo(Kind.HEAD_INVALID);
    }

    @Test
    @DisplayName("the head rolled back to a copy taken earlier: only an external anchor sees it")
    void headRolledBackToACopy() {
        Chain chain = new Chain(3);
        ChainHead copied = chain.head;
        chain.append(row(3));
        String anchorHash = chain.head.hash();
        chain.rows.remove(3);
        chain.head = copied;
        assertThat(chain.verify().intact()).isTrue();
        Verification anchored = new ChainVerifier(KEY).verify(chain.head, chain.rows.iterator(), 4, anchorHash);
        assertThat(anchored.firstProblem().orElseThrow().kind()).isEqualTo(Kind.ANCHOR_MISSING);
        assertThat(anchored.firstProblem().orElseThrow().seq()).isEqualTo(4);
        // ...and an anchor that is there passes.
        Chain intact = new Chain(3);
        assertThat(new ChainVerifier(KEY).verify(intact.head, intact.rows.iterator(), 2, intact.rows.get(1).hash()).intact()).isTrue();
        assertThat(new ChainVerifier(KEY).verify(intact.head, intact.rows.iterator(), 2, intact.rows.get(0).hash()).intact()).isFalse();
    }

    @Test
    @DisplayName("a row inserted after the last: named as inserted")
    void insertedAtEnd() {
        Chain chain = new Chain(3);
        ReleaseRow last = chain.rows.get(2);
        chain.rows.add(row(9).linked(4, last.hash(), "f".repeat(64)));
        Verification.Problem problem = chain.verify().firstProblem().orElseThrow();
        assertThat(problem.kind()).isEqualTo(Kind.ROW_INSERTED);
        assertThat(problem.seq()).isEqualTo(4);
    }

    @Test
    @DisplayName("a row inserted in the middle (the rest shifted): named as inserted")
    void insertedInTheMiddle() {
        Chain chain = new Chain(4);
        List<ReleaseRow> shifted = new ArrayList<>(chain.rows.subList(0, 2));
        shifted.add(row(7).linked(3, chain.rows.get(1).hash(), "e".repeat(64)));
        for (ReleaseRow r : chain.rows.subList(2, 4)) {
            shifted.add(r.linked(r.seq() + 1, r.prevHash(), r.hash()));
        }
        chain.rows.clear();
        chain.rows.addAll(shifted);
        Verification.Problem problem = chain.verify().firstProblem().orElseThrow();
        assertThat(problem.seq()).isEqualTo(3);
        assertThat(problem.kind()).isEqualTo(Kind.ROW_EDITED);
    }

    @Test
    @DisplayName("verifying with another key is its own error, not a broken row")
    void wrongKey() {
        Chain chain = new Chain(2);
        Verification result = new ChainVerifier(ChainKey.of("some other key that is long enough!!")).verify(chain.head, chain.rows.iterator());
        assertThat(result.firstProblem().orElseThrow().kind()).isEqualTo(Kind.WRONG_KEY);
    }

    @Test
    @DisplayName("keys shorter than 32 bytes are refused without echoing them")
    void shortKey() {
        assertThatThrownBy(() -> ChainKey.of("short-secret")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short-secret");
    }

    @Test
    @DisplayName("pseudonyms: stable per realm and user, differ across realms and keys, never contain the user id")
    void pseudonyms() {
        String user = "f:population-registry:001077271828";
        assertThat(KEY.pseudonym("r1", user)).isEqualTo(KEY.pseudonym("r1", user)).hasSize(32)
                .isNotEqualTo(KEY.pseudonym("r2", user)).doesNotContain("001077271828");
        assertThat(ChainKey.of("some other key that is long enough!!").pseudonym("r1", user)).isNotEqualTo(KEY.pseudonym("r1", user));
    }

    @Test
    @DisplayName("anchors parse as printed, and anything else is refused")
    void anchors() {
        assertThat(VerifyCommand.Anchor.parse("12:" + "a".repeat(64))).isEqualTo(new VerifyCommand.Anchor(12, "a".repeat(64)));
        assertThatThrownBy(() -> VerifyCommand.Anchor.parse("12:xyz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VerifyCommand.Anchor.parse(":" + "a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }
}
