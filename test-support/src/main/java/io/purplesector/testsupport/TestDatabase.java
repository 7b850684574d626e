package io.purplesector.testsupport;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL database that belongs to one test (or test class) alone.
 *
 * @param name the database's name
 * @param jdbcUrl JDBC URL of the database
 * @param user a user that owns the database
 * @param password that user's password
 */
public record TestDatabase(String name, String jdbcUrl, String user, String password) {

    /** A new, unpooled data source for the database. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }
}
