package vn.dinhdanh.virtualchip;

/** Sex as the card prints it: {@code Nam}/{@code Nữ} in DG13, {@code M}/{@code F} in the MRZ. */
public enum Sex {
    MALE("Nam", "M"),
    FEMALE("Nữ", "F");

    private final String dg13;
    private final String mrz;

    Sex(String dg13, String mrz) {
        this.dg13 = dg13;
        this.mrz = mrz;
    }

    public String dg13Value() {
        return dg13;
    }

    public String mrzCode() {
        return mrz;
    }
}
