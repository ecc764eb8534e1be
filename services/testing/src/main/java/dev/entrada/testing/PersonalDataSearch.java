package dev.entrada.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Searches every text column of every table of the service's database for a piece of personal
 * data (case-insensitive substring), reading the columns from INFORMATION_SCHEMA, so a table added
 * later is searched too. Works on H2 (PostgreSQL mode) and on PostgreSQL. Shared by every service
 * (test scope): the erasure tests of all four search the same way.
 */
public final class PersonalDataSearch {
    private PersonalDataSearch() {
    }

    /** {@code table.column} of every text column holding any of {@code needles}. */
    public static List<String> find(DataSource dataSource, String... needles) {
        try (Connection connection = dataSource.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("""
                    SELECT table_name, column_name, data_type FROM information_schema.columns
                    WHERE LOWER(table_schema) = 'public'""");
                 ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(3).toLowerCase(Locale.ROOT);
                    if (type.contains("char") || type.contains("text") || type.contains("clob") || type.contains("json")) {
                        columns.add(new String[] {rows.getString(1), rows.getString(2)});
                    }
                }
            }
            if (columns.isEmpty()) {
                throw new IllegalStateException("no text columns found: is this the service's database?");
            }
            List<String> hits = new ArrayList<>();
            for (String[] column : columns) {
                for (String needle : needles) {
                    String sql = "SELECT COUNT(*) FROM \"" + column[0] + "\" WHERE LOWER(CAST(\"" + column[1]
                            + "\" AS VARCHAR)) LIKE ?";
                    try (PreparedStatement s = connection.prepareStatement(sql)) {
                        s.setString(1, "%" + needle.toLowerCase(Locale.ROOT) + "%");
                        try (ResultSet count = s.executeQuery()) {
                            count.next();
                            if (count.getLong(1) > 0) {
                                hits.add(column[0] + "." + column[1] + " holds \"" + needle + "\"");
                            }
                        }
                    }
                }
            }
            return hits;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many text columns are searched (so a test can show the search covers the schema). */
    public static List<String> tables(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement s = connection.prepareStatement(
                     "SELECT DISTINCT table_name FROM information_schema.columns WHERE LOWER(table_schema) = 'public' ORDER BY table_name");
             ResultSet rows = s.executeQuery()) {
            List<String> tables = new ArrayList<>();
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
