package vn.bluezone.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL 17 server from the zonky binaries, run as a child process. Its data directory is
 * kept, so local data survives restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "bluezone";
    public static final String USER = "postgres";

    private final Path dataDir;
    private volatile EmbeddedPostgres postgres;

    private EmbeddedDatabase(Path dataDir, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on {@code port} (0 picks a free one) and creates the bluezone database if missing. */
    public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
        return new EmbeddedDatabase(dataDir, startServer(dataDir, port == 0 ? FreePorts.pick() : port));
    }

    /**
     * Stops the server (fast shutdown: open connections are cut, as in a crash or fail-over), waits
     * {@code downtime}, and starts it again on the same port and data directory.
     */
    public void restart(Duration downtime) throws IOException, InterruptedException {
        int port = postgres.getPort();
        postgres.close();
        Thread.sleep(downtime.toMillis());
        postgres = startServer(dataDir, port);
    }

    private static EmbeddedPostgres startServer(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + DATABASE);
                }
            }
        } catch (SQLException e) {
            postgres.close();
            throw new IOException("Cannot create database " + DATABASE, e);
        }
        return postgres;
    }

    public DatabaseCoordinates coordinates() {
        return new DatabaseCoordinates("localhost", postgres.getPort(), DATABASE, USER, "");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
