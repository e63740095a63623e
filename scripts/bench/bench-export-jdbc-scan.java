// Diagnostic for scripts/bench-export: the JDBC read alone, as the export does it (one transaction,
// REPEATABLE READ, forward-only cursor, fetch size 10 000, SELECT of every column in primary-key
// order, server-prepared so numbers come in binary: pass prepareThreshold=-1 in the URL as
// scripts/bench-export does), numbers with the typed getters, strings as the driver's UTF-8 bytes
// (getBytes), nothing written. Comparing its time with the export's shows what the Parquet encoding,
// compression and hashing add on top of the read.
//
// Run with the single-file source launcher and the driver on the class path (the shaded igem.jar):
//   java -Xmx256m -cp target/igem.jar scripts/bench/bench-export-jdbc-scan.java JDBC_URL TABLE [FETCH]
// Only JDK APIs at compile time, so `javac scripts/bench/*.java` (bench-nlp) also accepts this file.

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;

final class BenchExportJdbcScan {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String table = args[1];
        int fetch = args.length > 2 ? Integer.parseInt(args[2]) : 10000;
        long t0 = System.nanoTime();
        long rows = 0;
        long chars = 0;
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                st.setFetchSize(fetch);
                try (ResultSet rs = st.executeQuery("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\" ORDER BY id")) {
                    ResultSetMetaData md = rs.getMetaData();
                    int n = md.getColumnCount();
                    int[] types = new int[n + 1];
                    for (int i = 1; i <= n; i++) {
                        types[i] = md.getColumnType(i);
                    }
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            switch (types[i]) {
                                case Types.BIGINT -> chars += rs.getLong(i);
                                case Types.INTEGER, Types.SMALLINT -> chars += rs.getInt(i);
                                case Types.BOOLEAN, Types.BIT -> chars += rs.getBoolean(i) ? 1 : 0;
                                case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR -> {
                                    byte[] b = rs.getBytes(i);
                                    chars += b == null ? 0 : b.length;
                                }
                                default -> {
                                    String s = rs.getString(i);
                                    chars += s == null ? 0 : s.length();
                                }
                            }
                        }
                        rows++;
                    }
                }
            }
            c.rollback();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        // one line for the calling script: rows seconds (checksum keeps the JIT from dropping the reads)
        System.out.printf("%d %.3f %d%n", rows, s, chars);
    }
}
