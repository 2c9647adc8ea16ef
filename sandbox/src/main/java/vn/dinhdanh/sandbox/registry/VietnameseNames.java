package vn.dinhdanh.sandbox.registry;

import java.util.SplittableRandom;
import vn.dinhdanh.population.idnumber.Sex;

/**
 * Family, middle and given names in realistic proportions: family names by their approximate share
 * of the population (Nguyễn about 38 %), middle and given names by sex.
 */
final class VietnameseNames {

    private static final Weighted<String> FAMILY = new Weighted<String>()
            .add("Nguyễn", 38).add("Trần", 11).add("Lê", 9.5).add("Phạm", 7).add("Hoàng", 3.1).add("Huỳnh", 2)
            .add("Phan", 4.5).add("Vũ", 2).add("Võ", 1.9).add("Đặng", 2.1).add("Bùi", 2).add("Đỗ", 1.4)
            .add("Hồ", 1.3).add("Ngô", 1.3).add("Dương", 1).add("Lý", 0.5).add("Đinh", 0.8).add("Trương", 0.8)
            .add("Lương", 0.5).add("Mai", 0.4).add("Trịnh", 0.5).add("Đoàn", 0.5).add("Cao", 0.3).add("Lâm", 0.3)
            .add("Tạ", 0.2).add("Châu", 0.2).add("Quách", 0.1).add("Hà", 0.4).add("Tô", 0.2).add("La", 0.1);

    private static final Weighted<String> MIDDLE_MALE = new Weighted<String>()
            .add("Văn", 30).add("Hữu", 6).add("Đức", 8).add("Minh", 10).add("Quang", 7).add("Thành", 5)
            .add("Công", 5).add("Xuân", 3).add("Ngọc", 3).add("Thanh", 4).add("Hoàng", 4).add("Tuấn", 3)
            .add("Trọng", 3).add("Mạnh", 2).add("Gia", 3).add("Anh", 2).add("Duy", 2);

    private static final Weighted<String> MIDDLE_FEMALE = new Weighted<String>()
            .add("Thị", 35).add("Ngọc", 10).add("Thu", 6).add("Thanh", 7).add("Mỹ", 4).add("Kim", 5)
            .add("Hồng", 5).add("Phương", 4).add("Bảo", 3).add("Khánh", 3).add("Minh", 4).add("Hoài", 2)
            .add("Diệu", 2).add("Quỳnh", 2).add("Thùy", 3).add("Hải", 2);

    private static final Weighted<String> GIVEN_MALE = new Weighted<String>()
            .add("An", 3).add("Bình", 3).add("Cường", 3).add("Dũng", 4).add("Đạt", 3).add("Hải", 4).add("Hiếu", 3)
            .add("Hoàng", 3).add("Hùng", 4).add("Huy", 5).add("Khang", 3).add("Khoa", 3).add("Kiên", 2).add("Long", 4)
            .add("Minh", 5).add("Nam", 5).add("Nghĩa", 2).add("Phong", 3).add("Phúc", 3).add("Quân", 4).add("Quang", 3)
            .add("Sơn", 4).add("Tài", 2).add("Tâm", 2).add("Thắng", 3).add("Thành", 3).add("Toàn", 2).add("Trung", 4)
            .add("Tuấn", 5).add("Tùng", 3).add("Việt", 3).add("Vinh", 3).add("Vũ", 2).add("Bảo", 2).add("Lộc", 2);

    private static final Weighted<String> GIVEN_FEMALE = new Weighted<String>()
            .add("Anh", 5).add("Bích", 2).add("Chi", 3).add("Dung", 3).add("Duyên", 2).add("Giang", 3).add("Hà", 4)
            .add("Hạnh", 3).add("Hằng", 3).add("Hiền", 3).add("Hoa", 3).add("Hương", 4).add("Huyền", 3).add("Lan", 4)
            .add("Linh", 5).add("Loan", 2).add("Mai", 4).add("My", 3).add("Nga", 3).add("Ngân", 3).add("Ngọc", 3)
            .add("Nhung", 2).add("Oanh", 2).add("Phương", 4).add("Quỳnh", 3).add("Tâm", 2).add("Thảo", 4).add("Thu", 3)
            .add("Thủy", 3).add("Trang", 5).add("Trâm", 2).add("Uyên", 2).add("Vân", 3).add("Vy", 3).add("Yến", 3);

    private VietnameseNames() {
    }

    /** Family name, middle name, given name, as written: "Nguyễn Văn An". */
    static String fullName(Sex sex, SplittableRandom random) {
        String family = FAMILY.pick(random);
        String middle = (sex == Sex.MALE ? MIDDLE_MALE : MIDDLE_FEMALE).pick(random);
        String given = (sex == Sex.MALE ? GIVEN_MALE : GIVEN_FEMALE).pick(random);
        return family + " " + middle + " " + given;
    }
}
