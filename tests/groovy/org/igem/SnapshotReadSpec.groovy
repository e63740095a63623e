package org.igem

import com.tngtech.archunit.core.domain.JavaClasses
import com.tngtech.archunit.core.importer.ClassFileImporter
import org.igem.snapshot.Manifest
import org.igem.snapshot.Snapshot
import org.igem.support.Project
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Path

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses

/**
 * A snapshot's manifest is read and checked once, by {@link Snapshot#open}, and the validated
 * object is handed down: the NLP build and open, the alias source, verify and query never read
 * manifest.json again (they used to, three or four times per command). Read from the compiled
 * main classes, so the rule holds for what ships.
 */
class SnapshotReadSpec extends Specification {
    @Shared
    JavaClasses classes = new ClassFileImporter().importPath(Project.file('target/classes'))

    def "only Snapshot reads a manifest from a directory"() {
        expect:
        classes.contain(Snapshot.name)
        noClasses().that().doNotHaveFullyQualifiedName(Snapshot.name).and().doNotHaveFullyQualifiedName(Manifest.name)
                .should().callMethod(Manifest, 'read', Path)
                .orShould().callMethod(Manifest, 'readValidated', Path)
                .check(classes)
    }

    def "the NLP layers take the opened snapshot, not a directory to re-read"() {
        expect: 'the alias source has no way to open a directory by itself'
        !org.igem.snapshot.SnapshotAliasSource.methods.any { it.name == 'open' && it.parameterTypes == [Path] as Class[] }
        org.igem.snapshot.SnapshotAliasSource.getMethod('open', Snapshot)
        org.igem.snapshot.SnapshotNlp.getMethod('open', Snapshot, java.util.function.Consumer)
        org.igem.query.SnapshotSql.methods.find { it.name == 'open' }.parameterTypes[0] == Snapshot
    }
}
