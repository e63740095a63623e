package org.igem.support

import groovy.sql.Sql

import java.nio.file.Files
import java.nio.file.Path
import java.sql.DriverManager
import java.util.concurrent.atomic.AtomicInteger

/**
 * A real database server for specs: PostgreSQL on 127.0.0.1:5432 (a fresh database per use, dropped
 * afterwards) or a SQLite file in a temp directory. PostgreSQL being down is a failure, never a skip.
 */
abstract class Backend {
    static final String PG_HOST = System.getenv('IGEM_TEST_PG_HOST') ?: '127.0.0.1'
    static final int PG_PORT = (System.getenv('IGEM_TEST_PG_PORT') ?: '5432') as int
    static final String PG_USER = System.getenv('IGEM_TEST_PG_USER') ?: 'postgres'
    /** Role with a real password (scram) set up by scripts/pg-test-setup, for wrong-password specs. */
    static final String PW_ROLE = 'igem_pwtest'
    static final String PW_SECRET = 'Pw-igem-S3cret'

    abstract String getName()

    /** URI of a database that does not exist yet (db create makes it). */
    abstract String freshUri()

    /** URI of a database that exists and is empty. */
    abstract String emptyUri()

    /** Groovy Sql on the database behind {@code uri} (caller closes). */
    abstract Sql sql(String uri)

    /** Drops everything this backend made. */
    abstract void cleanup()

    boolean isPostgres() { name == 'postgresql' }

    String toString() { name }

    static Backend postgres() { new PgBackend() }

    static Backend sqlite() { new SqliteBackend() }

    static List<Backend> both() { [postgres(), sqlite()] }

    static class PgBackend extends Backend {
        private static final AtomicInteger SEQ = new AtomicInteger()
        private final List<String> made = []

        String getName() { 'postgresql' }

        static Sql admin() {
            try {
                return Sql.newInstance("jdbc:postgresql://$PG_HOST:$PG_PORT/postgres", PG_USER, '', 'org.postgresql.Driver')
            } catch (Exception e) {
                throw new IllegalStateException("PostgreSQL is required at $PG_HOST:$PG_PORT (start it with scripts/pg-test-setup): $e.message", e)
            }
        }

        String newName() {
            String n = "igem_t_${ProcessHandle.current().pid()}_${SEQ.incrementAndGet()}"
            made << n
            n
        }

        String freshUri() { "postgresql://$PG_USER@$PG_HOST:$PG_PORT/${newName()}" }

        String emptyUri() {
            String n = newName()
            Sql a = admin()
            try { a.execute('CREATE DATABASE "' + n + '"'.toString()) } finally { a.close() }
            "postgresql://$PG_USER@$PG_HOST:$PG_PORT/$n"
        }

        Sql sql(String uri) {
            String db = uri.substring(uri.lastIndexOf('/') + 1)
            Sql.newInstance("jdbc:postgresql://$PG_HOST:$PG_PORT/$db", PG_USER, '', 'org.postgresql.Driver')
        }

        void cleanup() {
            if (!made) return
            Sql a = admin()
            try {
                made.each { a.execute('DROP DATABASE IF EXISTS "' + it + '" WITH (FORCE)'.toString()) }
            } finally { a.close() }
            made.clear()
        }
    }

    static class SqliteBackend extends Backend {
        private final Path dir = Files.createTempDirectory('igem-sqlite')
        private int n

        String getName() { 'sqlite' }

        String freshUri() { "sqlite:${dir.resolve("igem${++n}.db")}" }

        String emptyUri() {
            String uri = freshUri()
            // An existing, empty SQLite file (what sqlite3 leaves after creating nothing).
            DriverManager.getConnection('jdbc:' + uri).withCloseable { it.createStatement().execute('VACUUM') }
            uri
        }

        Sql sql(String uri) {
            def s = Sql.newInstance('jdbc:' + uri, 'org.sqlite.JDBC')
            s.execute('PRAGMA foreign_keys = ON')
            s
        }

        void cleanup() { dir.toFile().deleteDir() }
    }
}
