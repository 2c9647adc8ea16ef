package vn.dinhdanh.chip.lds;

/** Sex as the card states it (DG13) and the registry records it. */
public enum Sex {
    MALE,
    FEMALE
}
