package vn.dinhdanh.evidence;

import java.util.List;

/**
 * How a VNeID device key was bound to its citizen, and the most a login with it can count for: a device carries the
 * level of what bound it, never more. The codes are stored per device (providers/app DeviceBinding) and recorded by
 * each app login ({@link LoginNotes#DEVICE_BINDING}); this is the only place they and their levels are spelled.
 *
 * <ul>
 *   <li>{@link #IN_PERSON}: a one-time code from the police desk, after the in-person check: level 2;</li>
 *   <li>{@link #LEVEL_TWO_LOGIN}: enrolled from a login that itself earned level 2 under the assurance rule (chip and
 *       password, or a level-2 device that proved user verification: moving to a new phone): level 2;</li>
 *   <li>{@link #SESSION}: enrolled from any other login (password, chip alone, a level-1 device): level 1;</li>
 *   <li>{@link #CHIP}: the former binding of a chip-only login, which claimed level 2. A chip is one factor (the card,
 *       which has no PIN) and proves nothing of who holds it: devices stored with it are read as level 1.</li>
 * </ul>
 * An unknown or missing code is level 1: never more than proven.
 */
public final class DeviceBindings {

    public static final String IN_PERSON = "in_person";
    public static final String LEVEL_TWO_LOGIN = "level2_login";
    public static final String SESSION = "session";
    /** Read only: no device is bound this way any more (see the class comment). */
    public static final String CHIP = "chip";

    /** Every binding code, level-2 ones first (tables and exhaustive tests walk it). */
    public static final List<String> ALL = List.of(IN_PERSON, LEVEL_TWO_LOGIN, SESSION, CHIP);

    private DeviceBindings() {
    }

    /** The level a device bound with {@code code} can carry: 2 for {@link #IN_PERSON} and {@link #LEVEL_TWO_LOGIN}, else 1. */
    public static int level(String code) {
        return IN_PERSON.equals(code) || LEVEL_TWO_LOGIN.equals(code) ? 2 : 1;
    }

    /** The binding of a device enrolled from a login that earned {@code loginLevel}: what it proved, never more. */
    public static String forLogin(int loginLevel) {
        return loginLevel >= 2 ? LEVEL_TWO_LOGIN : SESSION;
    }
}
