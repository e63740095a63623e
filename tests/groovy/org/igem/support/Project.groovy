package org.igem.support

import java.nio.file.Files
import java.nio.file.Path

/** Paths of the project under test (Maven passes IGEM_TEST_PROJECT_DIR). */
class Project {
    static Path getDir() {
        String d = System.getenv('IGEM_TEST_PROJECT_DIR') ?: System.getProperty('user.dir')
        Path.of(d).toAbsolutePath()
    }

    static Path file(String rel) { dir.resolve(rel) }

    /** Expected columns of the 45 tables, tests/resources/reference-schema.tsv (generated from the IGEM schema reference by scripts/gen-reference-schema.py). */
    static List<Map<String, String>> referenceColumns() {
        def lines = Files.readAllLines(file('tests/resources/reference-schema.tsv')).findAll { it && !it.startsWith('#') }
        def header = lines.head().split('\t')
        lines.tail().collect { line ->
            def cells = line.split('\t', -1)
            [header, cells].transpose().collectEntries { it }
        }
    }
}
