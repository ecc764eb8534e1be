package dev.entrada.bench;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Fresh PostgreSQL databases for one benchmark run, on the server the tests use (or H2 files with --h2). */
final class Databases {
    static final String SERVER = System.getProperty("bench.postgres", "127.0.0.1:5432");
    static final String USER = System.getProperty("bench.postgres.user", "postgres");

    static String url(String database) {
        return "jdbc:postgresql://" + SERVER + "/" + database;
    }

    static void recreate(String database) {
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + " is needed for the benchmarks: " + e.getMessage(), e);
        }
    }

    static void drop(String database) {
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop " + database + ": " + e.getMessage());
        }
    }

    /** An embedded H2 file database in PostgreSQL mode, as the services use by default. */
    static DataSource h2(java.nio.file.Path file) {
        org.h2.jdbcx.JdbcDataSource dataSource = new org.h2.jdbcx.JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + file.toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        dataSource.setUser("sa");
        return dataSource;
    }

    static DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url(database));
        dataSource.setUser(USER);
        return dataSource;
    }

    private Databases() {
    }
}
