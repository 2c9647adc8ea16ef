package vn.dinhdanh.sandbox.registry;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import vn.dinhdanh.population.idnumber.PersonalIdNumber;
import vn.dinhdanh.population.idnumber.Provinces;
import vn.dinhdanh.population.idnumber.Sex;

/** One generated registry record with its card history; everything derived from one random stream. */
record SyntheticCitizen(PersonalIdNumber idNumber, String fullName, LocalDate birthDate, Sex sex, String ethnicity,
                        String religion, String placeOfOrigin, String placeOfResidence, int eidLevel, boolean deceased,
                        boolean blocked, List<Card> cards) {

    /** Ages are computed at this fixed date, so that a seed gives the same registry on any day. */
    static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 7, 1);

    record Card(String cardNumber, LocalDate issueDate, LocalDate expiryDate, String status) {
    }

    private static final Weighted<int[]> AGE_BANDS = new Weighted<int[]>()
            .add(new int[] {0, 13}, 23).add(new int[] {14, 24}, 14).add(new int[] {25, 39}, 25)
            .add(new int[] {40, 59}, 25).add(new int[] {60, 79}, 11).add(new int[] {80, 100}, 2);

    private static final Weighted<String> ETHNICITY = new Weighted<String>()
            .add("Kinh", 85.3).add("Tày", 1.9).add("Thái", 1.9).add("Mường", 1.5).add("Khmer", 1.4).add("Hoa", 0.8)
            .add("Nùng", 1.1).add("H'Mông", 1.5).add("Dao", 0.9).add("Gia Rai", 0.5).add("Ê Đê", 0.4).add("Ba Na", 0.3)
            .add("Chăm", 0.2).add("Sán Chay", 0.2);

    private static final Weighted<String> RELIGION = new Weighted<String>()
            .add("Không", 86).add("Công giáo", 6.1).add("Phật giáo", 4.8).add("Tin lành", 1).add("Phật giáo Hòa Hảo", 1.4)
            .add("Cao Đài", 0.7);

    /** Provinces weighted by their approximate population (millions); the rest at 1. */
    private static final Weighted<String> PROVINCE = provinces();

    private static final String[] STREETS = {"Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt",
        "Quang Trung", "Điện Biên Phủ", "Hùng Vương", "Nguyễn Trãi", "Lê Duẩn", "Phan Đình Phùng", "Bạch Đằng"};
    private static final String[] WARDS = {"Phường 1", "Phường 3", "Phường 7", "Phường Bến Thành", "Phường Hàng Bạc",
        "Xã An Bình", "Xã Tân Phú", "Xã Hòa Lợi", "Thị trấn Phú Mỹ", "Xã Đông Hưng"};

    private static Weighted<String> provinces() {
        Weighted<String> weighted = new Weighted<>();
        java.util.Map<String, Double> large = java.util.Map.ofEntries(
                java.util.Map.entry("079", 9.4), java.util.Map.entry("001", 8.4), java.util.Map.entry("038", 3.7),
                java.util.Map.entry("040", 3.4), java.util.Map.entry("075", 3.2), java.util.Map.entry("074", 2.7),
                java.util.Map.entry("031", 2.1), java.util.Map.entry("036", 1.9), java.util.Map.entry("034", 1.9),
                java.util.Map.entry("089", 1.9), java.util.Map.entry("024", 1.9), java.util.Map.entry("066", 1.9),
                java.util.Map.entry("030", 1.9), java.util.Map.entry("080", 1.7), java.util.Map.entry("082", 1.8),
                java.util.Map.entry("091", 1.7), java.util.Map.entry("064", 1.6), java.util.Map.entry("048", 1.2));
        Provinces.all().keySet().forEach(code -> weighted.add(code, large.getOrDefault(code, 1.0)));
        return weighted;
    }

    /**
     * Draws a citizen from {@code random}. {@code serials} hands out digits 7-12, unique per
     * province, sex and birth year.
     */
    static SyntheticCitizen draw(SplittableRandom random, SerialAllocator serials) {
        Sex sex = random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
        int[] band = AGE_BANDS.pick(random);
        int age = band[0] + random.nextInt(band[1] - band[0] + 1);
        LocalDate birthDate = REFERENCE_DATE.minusYears(age).minusDays(1 + random.nextInt(365));
        String province = PROVINCE.pick(random);
        PersonalIdNumber id = PersonalIdNumber.of(province, sex, birthDate.getYear(),
                serials.next(province, sex, birthDate.getYear()));
        String provinceName = Provinces.all().get(province);
        String origin = random.nextInt(10) < 8 ? provinceName : Provinces.all().get(PROVINCE.pick(random));
        String residence = "Số " + (1 + random.nextInt(300)) + " đường " + STREETS[random.nextInt(STREETS.length)] + ", "
                + WARDS[random.nextInt(WARDS.length)] + ", " + (random.nextInt(10) < 7 ? provinceName : Provinces.all().get(PROVINCE.pick(random)));
        boolean adult = age >= 14;
        int level = !adult ? 0 : pickLevel(random);
        boolean deceased = random.nextInt(1000) < 10;
        boolean blocked = !deceased && random.nextInt(1000) < 2;
        List<Card> cards = adult ? cards(random, id, birthDate) : List.of();
        return new SyntheticCitizen(id, VietnameseNames.fullName(sex, random), birthDate, sex, ETHNICITY.pick(random),
                RELIGION.pick(random), origin, residence, level, deceased, blocked, cards);
    }

    private static int pickLevel(SplittableRandom random) {
        int roll = random.nextInt(100);
        return roll < 60 ? 2 : roll < 75 ? 1 : 0;
    }

    /** The card history: sometimes an older replaced card; the newest is active, revoked, lost or expired. */
    private static List<Card> cards(SplittableRandom random, PersonalIdNumber id, LocalDate birthDate) {
        List<Card> cards = new ArrayList<>(2);
        LocalDate earliest = birthDate.plusYears(14);
        LocalDate chipEra = LocalDate.of(2021, 1, 1);
        LocalDate from = earliest.isAfter(chipEra) ? earliest : chipEra;
        long span = Math.max(1, ChronoUnit.DAYS.between(from, REFERENCE_DATE));
        LocalDate issued = from.plusDays(random.nextLong(span));
        if (random.nextInt(100) < 8) {
            // an older card, replaced by the newest one; never issued before age 14
            LocalDate older = issued.minusYears(1 + random.nextInt(3));
            if (!older.isBefore(earliest)) {
                cards.add(new Card(id.value(), older, expiry(birthDate, older), "replaced"));
            }
        }
        int roll = random.nextInt(1000);
        String status = roll < 5 ? "revoked" : roll < 10 ? "lost" : "active";
        LocalDate expiry = expiry(birthDate, issued);
        if (status.equals("active") && roll < 40 && expiry != null) {
            // a realistic share of cards past their expiry date, not yet renewed
            expiry = REFERENCE_DATE.minusDays(1 + random.nextInt(200));
        }
        cards.add(new Card(id.value(), issued, expiry, status));
        return cards;
    }

    /** CCCD validity ends at age 25, 40 or 60 (the next milestone at least two years away); none after. */
    static LocalDate expiry(LocalDate birthDate, LocalDate issued) {
        int ageAtIssue = (int) ChronoUnit.YEARS.between(birthDate, issued);
        for (int milestone : new int[] {25, 40, 60}) {
            if (ageAtIssue <= milestone - 2) {
                return birthDate.plusYears(milestone);
            }
        }
        return null;
    }
}
