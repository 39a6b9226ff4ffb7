package org.journeyexplorer.store;

import java.sql.Connection;

/** Test-only access to what production code never gets: the store's raw writer connection. */
public final class StoreTestAccess {
    private StoreTestAccess() {
    }

    /** The writer connection, for checks no public method offers (dumping tables, planting old data). */
    public static Connection connection(ProjectStore s) {
        return s.connection();
    }
}
