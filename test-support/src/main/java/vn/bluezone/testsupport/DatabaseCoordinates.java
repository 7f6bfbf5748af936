package vn.bluezone.testsupport;

/** Where a PostgreSQL database is and how to log in. */
public record DatabaseCoordinates(String host, int port, String database, String username, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
