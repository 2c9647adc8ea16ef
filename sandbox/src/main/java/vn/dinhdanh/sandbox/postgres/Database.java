package vn.dinhdanh.sandbox.postgres;

/** How to reach one PostgreSQL database. The password never appears in {@link #toString()}. */
public record Database(String jdbcUrl, String username, String password) {

    @Override
    public String toString() {
        return "Database[" + jdbcUrl + " as " + username + "]";
    }
}
