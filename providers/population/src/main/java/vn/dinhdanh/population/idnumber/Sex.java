package vn.dinhdanh.population.idnumber;

/** Sex as the registry records it and digit 4 of the personal identification number encodes it. */
public enum Sex {
    MALE,
    FEMALE
}
