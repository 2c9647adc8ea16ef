package vn.dinhdanh.app.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QrLoginTest {

    private static final byte[] SECRET = new byte[32];
    private static final Instant ISSUED = Instant.parse("2026-11-24T08:00:00Z");

    static {
        SECRET[0] = 7;
    }

    @Test
    void payloadChangesEverySecondAndParsesBack() {
        String first = QrLogin.payload("dinh danh", "AAAAAAAAAAAAAAAAAAAAAA", SECRET, ISSUED, ISSUED.plusMillis(400));
        String second = QrLogin.payload("dinh danh", "AAAAAAAAAAAAAAAAAAAAAA", SECRET, ISSUED, ISSUED.plusMillis(1400));
        assertThat(first).startsWith("vneid://qr-login?realm=dinh+danh&c=AAAAAAAAAAAAAAAAAAAAAA&t=0&h=");
        assertThat(second).contains("&t=1&h=").isNotEqualTo(first);

        QrLogin.Scan scan = QrLogin.parse(second).orElseThrow();
        assertThat(scan.realm()).isEqualTo("dinh danh");
        assertThat(scan.challengeId()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(scan.t()).isEqualTo(1);
        assertThat(QrLogin.genuine(scan, SECRET)).isTrue();
    }

    @Test
    void anotherSecretOrAnotherSecondIsNotGenuine() {
        QrLogin.Scan scan = QrLogin.parse(QrLogin.payload("r", "AAAAAAAAAAAAAAAAAAAAAA", SECRET, ISSUED, ISSUED.plusSeconds(3))).orElseThrow();
        assertThat(QrLogin.genuine(scan, new byte[32])).isFalse();
        QrLogin.Scan otherSecond = new QrLogin.Scan(scan.realm(), scan.challengeId(), 4, scan.code());
        assertThat(QrLogin.genuine(otherSecond, SECRET)).isFalse();
    }

    @Test
    void aCodeIsFreshForFiveSecondsAfterItsSecondBegan() {
        QrLogin.Scan scan = QrLogin.parse(QrLogin.payload("r", "AAAAAAAAAAAAAAAAAAAAAA", SECRET, ISSUED, ISSUED.plusSeconds(10))).orElseThrow();
        assertThat(QrLogin.fresh(scan, ISSUED, ISSUED.plusSeconds(10))).isTrue();
        assertThat(QrLogin.fresh(scan, ISSUED, ISSUED.plusSeconds(15))).isTrue();
        assertThat(QrLogin.fresh(scan, ISSUED, ISSUED.plusSeconds(15).plusMillis(1))).isFalse();
        assertThat(QrLogin.fresh(scan, ISSUED, ISSUED.plusSeconds(8))).as("a code from the future").isFalse();
    }

    @Test
    void foreignPayloadsAreRefused() {
        assertThat(QrLogin.parse(null)).isEmpty();
        assertThat(QrLogin.parse("https://example.com/?c=x")).isEmpty();
        assertThat(QrLogin.parse("vneid://qr-login?realm=r&c=x&t=1")).isEmpty();
        assertThat(QrLogin.parse("vneid://qr-login?realm=r&c=x&t=-1&h=" + "0".repeat(64))).isEmpty();
        assertThat(QrLogin.parse("vneid://qr-login?realm=r&c=x&t=1&h=" + "G".repeat(64))).isEmpty();
        assertThat(QrLogin.parse("vneid://qr-login?realm=%zz&c=x&t=1&h=" + "0".repeat(64))).isEmpty();
        assertThat(QrLogin.parse("vneid://qr-login?realm=r&c=x&t=1&h=" + "0".repeat(64) + "&" + "x".repeat(600))).isEmpty();
    }
}
