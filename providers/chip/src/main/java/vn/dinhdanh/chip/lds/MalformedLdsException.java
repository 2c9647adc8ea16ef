package vn.dinhdanh.chip.lds;

/**
 * A presented file is not what ICAO 9303 (or the DG13 layout) says it is. The message names the file and
 * the defect, never its content: chip data are personal data.
 */
public class MalformedLdsException extends Exception {

    public MalformedLdsException(String message) {
        super(message);
    }

    public MalformedLdsException(String message, Throwable cause) {
        super(message, cause);
    }
}
