package vn.dinhdanh.it.support;

/**
 * The one option every server under test is given under its old name ({@code spi-realm-restapi-extension--app--…},
 * before the app's options had their own SPI), so that the tests see old names still work for one release and are
 * warned about ({@code AppEnrolmentIT}). Goes when the old names go.
 */
public final class OldOptionName {

    public static final String VARIABLE = "KC_SPI_REALM_RESTAPI_EXTENSION__APP__ENROLMENT_CODE_LIFETIME";
    public static final String OPTION = "spi-realm-restapi-extension--app--enrolment-code-lifetime";
    public static final String NEW_OPTION = "spi-dinhdanh-app--default--enrolment-code-lifetime";
    /** Not the default (900): a code living this long shows the old name was read. */
    public static final int CODE_LIFETIME_SECONDS = 600;

    private OldOptionName() {
    }
}
